package io.decisionlog.kit.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;

import java.util.Map;

/**
 * Every {@code kafka.*} property, handed as it is to each Kafka client a service makes: {@code kafka.bootstrap.servers}
 * always, and on a secured cluster {@code kafka.security.protocol}, {@code kafka.sasl.*} and {@code kafka.ssl.*}.
 */
@ConfigMapping(prefix = "kafka")
public interface KafkaConfig {

    @WithParentName
    Map<String, String> client();

    default String bootstrapServers() {
        String servers = client().get("bootstrap.servers");
        if (servers == null || servers.isBlank()) {
            throw new IllegalStateException("kafka.bootstrap.servers is not set (KAFKA_BOOTSTRAP_SERVERS)");
        }
        return servers;
    }
}
