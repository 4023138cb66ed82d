package io.decisionlog.e2e;

import io.decisionlog.events.TopicAccess;
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
 * demo does. The broker has no cleartext listener; each service connects as its own user, which the broker's
 * authorizer holds to its row of {@link TopicAccess}, so the demo passing shows the table gives every service what it
 * needs. The secrets the services get stay in files only their owner reads, each service's password in its own.
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
            assertThat(broker).contains("authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer");
            Path env = stack.dataDir().resolve("run/services.env");
            assertThat(Files.readString(env)).contains("KAFKA_SECURITY_PROTOCOL='SASL_SSL'",
                    "KAFKA_SASL_MECHANISM='SCRAM-SHA-512'", "sslmode=verify-full").doesNotContain("KAFKA_SASL_JAAS_CONFIG");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(env))).isEqualTo("rw-------");
            for (TopicAccess access : TopicAccess.SERVICES) {
                String service = access.service();
                Path own = stack.dataDir().resolve("run/" + service + ".env");
                assertThat(Files.readString(own)).as(service + "'s own Kafka user").contains("username=\"" + service + "\"");
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(own))).isEqualTo("rw-------");
                assertThat(Files.readString(stack.dataDir().resolve("logs/" + service + ".log"))).as(service + "'s log").doesNotContain("SaslAuthenticationException",
                        "SslAuthenticationException", "AuthorizationException", "Not authorized");
            }
        }
    }
}
