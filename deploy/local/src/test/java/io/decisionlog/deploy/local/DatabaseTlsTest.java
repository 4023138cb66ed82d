package io.decisionlog.deploy.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The local runtime's PostgreSQL with TLS (issue #23): a client that checks the server's certificate against the
 * run's authority (verify-full, as the cluster's manifests ask) connects over TLS; cleartext is refused, and so is a
 * client whose authority the server's certificate does not chain to.
 */
class DatabaseTlsTest {
    @TempDir
    Path dir;

    @Test
    void onlyATlsClientThatVerifiesTheServerGetsIn() throws Exception {
        TransportSecurity security = TransportSecurity.under(dir.resolve("tls"));
        Path binaries = Path.of(System.getProperty("java.io.tmpdir"), "decisionlog-test-postgres");
        try (EmbeddedDatabase database = EmbeddedDatabase.startWithTls(dir.resolve("postgres"), binaries, Ports.free(),
                true, security)) {
            assertThat(database.jdbcUrl()).contains("sslmode=verify-full");
            try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.USER, "");
                 Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
                assertThat(row.next()).isTrue();
                assertThat(row.getBoolean(1)).as("the connection is encrypted").isTrue();
                assertThat(row.getString(2)).startsWith("TLSv1.");
            }

            String plain = database.jdbcUrl().substring(0, database.jdbcUrl().indexOf('?')) + "?sslmode=disable";
            assertThatThrownBy(() -> DriverManager.getConnection(plain, EmbeddedDatabase.USER, "").close())
                    .isInstanceOf(SQLException.class).hasMessageContaining("no encryption");

            TransportSecurity stranger = TransportSecurity.under(dir.resolve("another-ca"));
            String otherAuthority = database.jdbcUrl().replace(security.caCertificate().toString(),
                    stranger.caCertificate().toString());
            assertThatThrownBy(() -> DriverManager.getConnection(otherAuthority, EmbeddedDatabase.USER, "").close())
                    .isInstanceOf(SQLException.class).hasMessageContaining("SSL");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(security.serverKey())))
                    .isEqualTo("rw-------");
        }
    }
}
