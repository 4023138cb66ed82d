package io.decisionlog.kit.kafka;

import io.decisionlog.events.ClientConfigs;
import io.decisionlog.kit.config.KafkaConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;

import java.util.HashMap;
import java.util.Map;

/**
 * The one place a service makes its Kafka clients: the connection settings ({@code kafka.*}: servers, and TLS or SASL
 * on a secured cluster) under the shared durable-producer and state-reader settings of {@link ClientConfigs}, under
 * what each service tunes for its own load.
 */
@Singleton
public class KafkaClients {
    private final Map<String, ?> connection;

    @Inject
    public KafkaClients(KafkaConfig config) {
        this(config.client());
        config.bootstrapServers();
    }

    /** For tools and tests: the connection settings given as they are ({@code bootstrap.servers} at least). */
    public KafkaClients(Map<String, ?> connection) {
        this.connection = Map.copyOf(connection);
    }

    public String bootstrapServers() {
        return (String) connection.get("bootstrap.servers");
    }

    /** An acks=all, idempotent producer (see {@link ClientConfigs#durableProducer}) with the service's tuning on top. */
    public KafkaProducer<String, byte[]> durableProducer(String clientId, Map<String, Object> tuning) {
        return new KafkaProducer<>(with(ClientConfigs.durableProducer(connection, clientId), tuning));
    }

    /** A consumer that reads topics as state (see {@link ClientConfigs#stateReader}) with the service's tuning on top. */
    public KafkaConsumer<String, byte[]> stateReader(String clientId, Map<String, Object> tuning) {
        return new KafkaConsumer<>(with(ClientConfigs.stateReader(connection, clientId), tuning));
    }

    public Admin admin() {
        Map<String, Object> config = new HashMap<>(connection);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        return Admin.create(config);
    }

    private static Map<String, Object> with(Map<String, Object> base, Map<String, Object> tuning) {
        Map<String, Object> config = new HashMap<>(base);
        config.putAll(tuning);
        return config;
    }
}
