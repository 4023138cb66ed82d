package io.decisionlog.deploy.local;

import io.decisionlog.events.ClientConfigs;
import io.decisionlog.events.JsonSerde;
import io.decisionlog.events.SampleEvents;
import io.decisionlog.events.Topic;
import io.decisionlog.events.TopicAdmin;
import io.decisionlog.events.Topics;
import io.decisionlog.events.kafka.AckedBatch;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@RuntimeTest
class LocalRuntimeTest {
    private static SharedTestRuntime.Addresses runtime;

    @BeforeAll
    static void startRuntime() {
        runtime = SharedTestRuntime.get();
    }

    @Test
    void shouldCreateEveryRegisteredTopicIdempotently() throws Exception {
        try (Admin admin = admin()) {
            TopicAdmin.ensureTopics(admin, Topics.ALL, (short) 1);
            Set<String> createdAgain = TopicAdmin.ensureTopics(admin, Topics.ALL, (short) 1);
            assertThat(createdAgain).isEmpty();

            TopicDescription runs = admin.describeTopics(List.of(Topics.CI_RUNS.name())).allTopicNames()
                    .get(10, TimeUnit.SECONDS).get(Topics.CI_RUNS.name());
            assertThat(runs.partitions()).hasSize(Topics.PARTITIONS);
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, Topics.CI_RUNS.name());
            String policy = admin.describeConfigs(List.of(resource)).all().get(10, TimeUnit.SECONDS)
                    .get(resource).get("cleanup.policy").value();
            assertThat(policy).isEqualTo("compact");
        }
    }

    /**
     * Topics just created take a producer's first batches at once: {@code ensureTopics} returns only when every
     * partition's leader answers for it. A batch sent while the leader was still taking its partition on was refused,
     * and retried as out of order until it expired (KAFKA-15591; the topology benchmark's preload met it).
     */
    @Test
    void shouldReturnTopicsThatTakeAnIdempotentProducersFirstBatchesAtOnce() throws Exception {
        // the services' producer, failing within the test's wait instead of after two minutes
        Map<String, Object> config = new HashMap<>(
                ClientConfigs.durableProducer(runtime.bootstrapServers(), "fresh-topics-test"));
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
        try (Admin admin = admin(); KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
            for (int round = 0; round < 3; round++) {
                Topic<String> fresh = new Topic<>("decisionlog.test.fresh-" + UUID.randomUUID(),
                        JsonSerde.of(String.class), Topics.PARTITIONS, false);
                assertThat(TopicAdmin.ensureTopics(admin, List.of(fresh), (short) 1)).containsExactly(fresh.name());

                AckedBatch batch = new AckedBatch(producer, Duration.ofSeconds(30));
                for (int i = 0; i < 3_000; i++) {
                    batch.send(fresh, "key-" + i, "record " + i);
                }
                batch.await();
            }
        }
    }

    @Test
    void shouldCarryEveryRecordTypeThroughTheRealBrokerWithTheSharedSerdes() throws Exception {
        List<Object> samples = SampleEvents.oneOfEach();
        try (Admin admin = admin()) {
            TopicAdmin.ensureTopics(admin, Topics.ALL, (short) 1);
        }
        Map<String, Object> sent = new HashMap<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig())) {
            for (int i = 0; i < Topics.ALL.size(); i++) {
                Topic<?> topic = Topics.ALL.get(i);
                String key = "round-trip-" + UUID.randomUUID();
                producer.send(new ProducerRecord<>(topic.name(), key.getBytes(), serialize(topic, samples.get(i))))
                        .get(30, TimeUnit.SECONDS);
                sent.put(key, samples.get(i));
            }
        }

        Map<String, Object> received = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig())) {
            consumer.subscribe(Topics.ALL.stream().map(Topic::name).toList());
            Wait.until("every sent record read back", Duration.ofSeconds(60), () -> {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    String key = new String(record.key());
                    if (sent.containsKey(key)) {
                        received.put(key, Topics.ALL.stream().filter(t -> t.name().equals(record.topic()))
                                .findFirst().orElseThrow().valueSerde().deserialize(record.topic(), record.value()));
                    }
                }
                return received.size() == sent.size();
            });
        }
        // field by field: the dead letters are byte arrays, whose equals is identity
        assertThat(received).usingRecursiveComparison().isEqualTo(sent);
    }

    @Test
    void shouldServeARealPostgresql17() throws Exception {
        try (Connection connection = DriverManager.getConnection(runtime.jdbcUrl(), EmbeddedDatabase.USER, "");
             ResultSet version = connection.createStatement().executeQuery("SHOW server_version")) {
            assertThat(version.next()).isTrue();
            assertThat(version.getString(1)).startsWith("17.");
        }
        assertThat(runtime.jdbcUrl()).startsWith("jdbc:postgresql://127.0.0.1:");
    }

    @Test
    void shouldListenOnLoopbackOnly() throws Exception {
        int kafkaPort = Integer.parseInt(runtime.bootstrapServers().substring(runtime.bootstrapServers().lastIndexOf(':') + 1));
        Map<Long, Integer> processes = Map.of(runtime.brokerPid(), kafkaPort, runtime.postgresPid(), runtime.postgresPort());
        List<InetSocketAddress> listening = new ArrayList<>();
        for (Map.Entry<Long, Integer> process : processes.entrySet()) {
            List<InetSocketAddress> own = ListeningSockets.of(process.getKey());
            // the broker's client and controller listeners, PostgreSQL's one: the inspection found the right sockets
            assertThat(own).as("listening sockets of pid %d", process.getKey())
                    .extracting(InetSocketAddress::getPort).contains(process.getValue());
            listening.addAll(own);
        }
        assertThat(listening).allSatisfy(socket -> assertThat(socket.getAddress().getHostAddress())
                .as("bound address of %s", socket).isEqualTo(Ports.LOOPBACK));

        // and from the host's other addresses, where there are any, nothing answers: refused, not merely unanswered
        for (InetAddress address : nonLoopbackAddresses()) {
            for (InetSocketAddress socket : listening) {
                assertThatThrownBy(() -> connect(new InetSocketAddress(address, socket.getPort())))
                        .as("%s:%d", address.getHostAddress(), socket.getPort()).isInstanceOf(ConnectException.class);
            }
        }
        connect(new InetSocketAddress(Ports.LOOPBACK, kafkaPort));
    }

    @Test
    void shouldRefuseToStartOnATakenPortWithAClearMessage() {
        int taken = runtime.postgresPort();
        try {
            Ports.requireFree(taken, "the Kafka broker");
            throw new AssertionError("port " + taken + " reported free");
        } catch (IllegalStateException e) {
            assertThat(e).hasMessageContaining("port " + taken).hasMessageContaining("already taken")
                    .hasMessageContaining("the Kafka broker");
        }
    }

    private static void connect(InetSocketAddress address) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(address, 10_000);
        }
    }

    private static List<InetAddress> nonLoopbackAddresses() throws SocketException {
        List<InetAddress> addresses = new ArrayList<>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                addresses.addAll(Collections.list(nic.getInetAddresses()));
            }
        }
        return addresses;
    }

    @SuppressWarnings("unchecked")
    private static <V> byte[] serialize(Topic<V> topic, Object value) {
        return topic.valueSerde().serialize(topic.name(), (V) value);
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, runtime.bootstrapServers()));
    }

    private static Map<String, Object> producerConfig() {
        return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, runtime.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    }

    private static Map<String, Object> consumerConfig() {
        return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, runtime.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "round-trip-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    }
}
