package io.decisionlog.events;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.HashMap;
import java.util.Map;

/**
 * The Kafka client settings every service shares; each adds its own timeouts and batching on top. Values travel as
 * bytes made by the topic's {@link JsonSerde}, keys as strings.
 */
public final class ClientConfigs {
    private ClientConfigs() {
    }

    /**
     * A producer whose acknowledged records are on every in-sync replica and never duplicated by retries, and that
     * refuses a record over Kafka's 1 MB instead of sending it.
     */
    public static Map<String, Object> durableProducer(String bootstrapServers, String clientId) {
        return durableProducer(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), clientId);
    }

    /** The same, over connection settings of the service's own (servers, and TLS or SASL on a secured cluster). */
    public static Map<String, Object> durableProducer(Map<String, ?> connection, String clientId) {
        Map<String, Object> config = new HashMap<>(connection);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1_048_576);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return config;
    }

    /** A consumer that reads topics back as state: assigned partitions, no group offsets, committed records only. */
    public static Map<String, Object> stateReader(String bootstrapServers, String clientId) {
        return stateReader(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), clientId);
    }

    /** The same, over connection settings of the service's own (servers, and TLS or SASL on a secured cluster). */
    public static Map<String, Object> stateReader(Map<String, ?> connection, String clientId) {
        Map<String, Object> config = new HashMap<>(connection);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return config;
    }
}
