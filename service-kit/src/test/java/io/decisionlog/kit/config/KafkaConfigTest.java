package io.decisionlog.kit.config;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code kafka.*} settings every Kafka client of a service gets, as a Deployment sets them: environment
 * variables, which name a property only up to dots ({@code KAFKA_SASL_JAAS_CONFIG}); and as a properties file does.
 */
class KafkaConfigTest {
    @Test
    void shouldHandEveryKafkaSettingToTheClientsFromTheEnvironmentAndFromProperties() {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(KafkaConfig.class)
                .withSources(new EnvConfigSource(Map.of(
                        "KAFKA_BOOTSTRAP_SERVERS", "decisionlog-kafka-bootstrap:9093",
                        "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                        "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                        "KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                        "KAFKA_SSL_TRUSTSTORE_TYPE", "PEM",
                        "KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/decisionlog/kafka-ca/ca.crt"), 300))
                .withSources(new PropertiesConfigSource(Map.of("kafka.client.dns.lookup", "use_all_dns_ips"),
                        "application.properties", 250))
                .build();
        Map<String, String> client = config.getConfigMapping(KafkaConfig.class).client();
        assertThat(client).containsEntry("bootstrap.servers", "decisionlog-kafka-bootstrap:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;")
                .containsEntry("ssl.truststore.type", "PEM")
                .containsEntry("ssl.truststore.location", "/etc/decisionlog/kafka-ca/ca.crt")
                .containsEntry("client.dns.lookup", "use_all_dns_ips");
    }
}
