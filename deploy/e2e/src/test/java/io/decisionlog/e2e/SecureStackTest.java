package io.decisionlog.e2e;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The product end to end over secured transport (issue #23): {@code ./decisionlog demo} with
 * {@code DECISIONLOG_SECURE=1} — every service's Kafka clients (producers, consumers, admin, decision-graph's Streams)
 * on SASL_SSL with SCRAM-SHA-512, PostgreSQL over TLS with verify-full — builds the sample team's chains as the plain
 * demo does. The broker has no cleartext listener, and the secrets the services get stay in a file only its owner reads.
 */
class SecureStackTest {
    @Test
    void theDemoRunsWithKafkaOnlyOverSaslSslAndPostgresOnlyOverTls() throws Exception {
        Path root = Path.of("../..").toAbsolutePath().normalize();
        Path work = Files.createDirectories(Path.of("target/e2e").toAbsolutePath());
        try (Stack stack = new Stack(root, work.resolve("secure-" + UUID.randomUUID().toString().substring(0, 8))).secure()) {
            Stack.Run demo = stack.run(List.of("demo"), 600);
            assertThat(demo.exitCode()).as("./decisionlog demo on a secured runtime:\n%s", demo.output()).isZero();
            assertThat(demo.output()).contains("D-2024-087", "Read it in a browser")
                    .contains("sslmode=verify-full");

            String broker = Files.readString(stack.dataDir().resolve("kafka/server.properties"));
            assertThat(broker).contains("listener.security.protocol.map=CONTROLLER:SSL,CLIENT:SASL_SSL,MTLS:SSL")
                    .doesNotContain("PLAINTEXT");
            Path env = stack.dataDir().resolve("run/services.env");
            assertThat(Files.readString(env)).contains("KAFKA_SECURITY_PROTOCOL='SASL_SSL'",
                    "KAFKA_SASL_MECHANISM='SCRAM-SHA-512'", "sslmode=verify-full");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(env))).isEqualTo("rw-------");
            for (String service : List.of("decision-graph", "ci-audit-ingester", "blame-ingester", "minutes-ingester")) {
                assertThat(stack.logTail(service)).as(service + "'s log").doesNotContain("SaslAuthenticationException",
                        "SslAuthenticationException");
            }
        }
    }
}
