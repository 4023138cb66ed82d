package io.decisionlog.deploy.local;

import io.decisionlog.events.ClientConfigs;
import io.decisionlog.events.Topic;
import io.decisionlog.events.TopicAccess;
import io.decisionlog.events.TopicAdmin;
import io.decisionlog.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The local broker with its transport secured (issue #23): SCRAM-SHA-512 over TLS and mutual TLS, certificates made
 * for the run. Records go through both listeners with the clients the services make ({@link ClientConfigs} under the
 * connection settings, as {@code kafka.*} passes them); a wrong password, a client that does not trust the CA, a
 * client without a certificate on the mutual-TLS listener and a cleartext client are each refused. No listener
 * speaks cleartext, and the SCRAM password is in no file the broker writes but its own (mode 600) configuration.
 * Each service's own user may do on each registry topic exactly what its row of {@link TopicAccess} says, and the
 * broker refuses it the rest.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecureBrokerTest {
    @TempDir
    static Path dir;
    private TransportSecurity security;
    private KafkaBroker broker;
    private int mtlsPort;

    @BeforeAll
    void start() throws Exception {
        security = TransportSecurity.under(dir.resolve("tls"));
        mtlsPort = Ports.free();
        broker = KafkaBroker.startSecure(dir.resolve("broker"), Ports.free(), mtlsPort, Ports.free(), security);
        try (Admin admin = Admin.create(broker.clientConfig())) {
            admin.createTopics(List.of(new NewTopic("secure.v1", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            TopicAdmin.ensureTopics(admin, Topics.ALL, (short) 1);
        }
    }

    @AfterAll
    void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void recordsGoThroughScramOverTlsAndThroughMutualTls() throws Exception {
        send(broker.clientConfig(), "scram", "over SASL_SSL");
        send(security.mutualTls(Ports.LOOPBACK + ":" + mtlsPort), "mtls", "over mutual TLS");
        assertThat(read(broker.clientConfig())).containsEntry("scram", "over SASL_SSL").containsEntry("mtls", "over mutual TLS");
    }

    @Test
    void aWrongPasswordAnUntrustedServerAMissingCertificateAndCleartextAreRefused() {
        Map<String, Object> wrongPassword = new HashMap<>(broker.clientConfig());
        wrongPassword.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                + "username=\"decisionlog\" password=\"not-the-password\";");
        assertRefused(wrongPassword, "Authentication failed");

        Map<String, Object> untrusting = new HashMap<>(broker.clientConfig());
        untrusting.remove("ssl.truststore.location");
        untrusting.remove("ssl.truststore.password");
        untrusting.remove("ssl.truststore.type");
        assertRefused(untrusting, "SSL handshake failed");

        Map<String, Object> noCertificate = new HashMap<>(security.mutualTls(Ports.LOOPBACK + ":" + mtlsPort));
        noCertificate.keySet().removeIf(key -> key.startsWith("ssl.key"));
        assertRefused(noCertificate, "bad_certificate");

        assertRefused(Map.of("bootstrap.servers", broker.bootstrapServers()), null);
    }

    @Test
    void noListenerSpeaksCleartextAndThePasswordStaysInTheBrokersOwnConfiguration() throws Exception {
        String config = Files.readString(dir.resolve("broker/server.properties"));
        assertThat(config).contains("listener.security.protocol.map=CONTROLLER:SSL,CLIENT:SASL_SSL,MTLS:SSL")
                .doesNotContain("PLAINTEXT").doesNotContain(security.password());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("broker/server.properties"))))
                .isEqualTo("rw-------");
        assertThat(Files.readString(broker.logFile())).doesNotContain(security.password())
                .doesNotContain(security.storePassword());
        assertThat(security.toString()).doesNotContain(security.password()).doesNotContain(security.storePassword());
    }

    @Test
    void eachServiceUserMayReadAndWriteOnlyTheTopicsOfItsRowOfTheAccessTable() throws Exception {
        for (TopicAccess access : TopicAccess.SERVICES) {
            Map<String, Set<AclOperation>> allowed = authorizedOperations(security.saslSsl(broker.bootstrapServers(),
                    access.service()));
            for (Topic<?> topic : Topics.ALL) {
                Set<AclOperation> operations = allowed.getOrDefault(topic.name(), Set.of());
                String where = access.service() + " on " + topic.name();
                assertThat(operations.contains(AclOperation.READ)).as(where + " read").isEqualTo(access.reads().contains(topic));
                assertThat(operations.contains(AclOperation.WRITE)).as(where + " write").isEqualTo(access.writes().contains(topic));
                assertThat(operations.contains(AclOperation.CREATE)).as(where + " create").isEqualTo(access.creates().contains(topic));
                assertThat(operations).as(where).doesNotContain(AclOperation.DELETE, AclOperation.ALTER,
                        AclOperation.ALTER_CONFIGS);
            }
        }
    }

    @Test
    void theBrokerRefusesAServiceWhatItsRowDoesNotAllow() throws Exception {
        Map<String, Object> ciAudit = security.saslSsl(broker.bootstrapServers(), "ci-audit-ingester");
        send(ciAudit, Topics.CI_RUNS.name(), "run", "a run");

        assertThatThrownBy(() -> send(ciAudit, Topics.CHAINS.name(), "chain", "a forged chain"))
                .hasRootCauseInstanceOf(TopicAuthorizationException.class);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(ClientConfigs.stateReader(ciAudit,
                "secure-test-snoop"))) {
            consumer.assign(List.of(new TopicPartition(Topics.BLAME.name(), 0)));
            consumer.seekToBeginning(consumer.assignment());
            assertThatThrownBy(() -> {
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofMillis(500));
                }
            }).isInstanceOf(TopicAuthorizationException.class).hasMessageContaining(Topics.BLAME.name());
        }
    }

    /** What the broker lets this client do on each topic it may see at all. */
    private static Map<String, Set<AclOperation>> authorizedOperations(Map<String, Object> connection) throws Exception {
        try (Admin admin = Admin.create(connection)) {
            Set<String> visible = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            Map<String, Set<AclOperation>> operations = new HashMap<>();
            admin.describeTopics(visible, new DescribeTopicsOptions().includeAuthorizedOperations(true))
                    .allTopicNames().get(30, TimeUnit.SECONDS)
                    .forEach((name, description) -> operations.put(name, description.authorizedOperations()));
            return operations;
        }
    }

    private void send(Map<String, Object> connection, String key, String value) throws Exception {
        send(connection, "secure.v1", key, value);
    }

    private static void send(Map<String, Object> connection, String topic, String key, String value) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(ClientConfigs.durableProducer(connection,
                "secure-test-" + key))) {
            producer.send(new ProducerRecord<>(topic, key, value.getBytes(StandardCharsets.UTF_8)))
                    .get(30, TimeUnit.SECONDS);
        }
    }

    private Map<String, String> read(Map<String, Object> connection) {
        Map<String, String> read = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(ClientConfigs.stateReader(connection,
                "secure-test-reader"))) {
            consumer.assign(List.of(new org.apache.kafka.common.TopicPartition("secure.v1", 0)));
            consumer.seekToBeginning(consumer.assignment());
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (read.size() < 2 && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    read.put(record.key(), new String(record.value(), StandardCharsets.UTF_8));
                }
            }
        }
        return read;
    }

    /** An admin client with these settings gets no answer about the cluster; {@code why}: the cause's message, when one is given. */
    private static void assertRefused(Map<String, Object> connection, String why) {
        Map<String, Object> config = new HashMap<>(connection);
        config.put("request.timeout.ms", 3000);
        config.put("default.api.timeout.ms", 5000);
        config.put("reconnect.backoff.max.ms", 1000);
        try (Admin admin = Admin.create(config)) {
            assertThatThrownBy(() -> admin.describeCluster().nodes().get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .satisfies(e -> {
                        if (why != null) {
                            assertThat(causes(e)).anyMatch(message -> message.contains(why));
                        }
                    });
        }
    }

    private static List<String> causes(Throwable e) {
        List<String> messages = new ArrayList<>();
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            messages.add(String.valueOf(cause.getMessage()));
        }
        return messages;
    }
}
