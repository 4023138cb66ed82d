package io.decisionlog.deploy.local;

import org.apache.kafka.common.config.SaslConfigs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The local runtime: one Kafka broker and one PostgreSQL, started together, stopped in reverse order. */
public final class LocalRuntime implements AutoCloseable {
    private final EmbeddedDatabase database;
    private final KafkaBroker broker;
    private final Optional<TransportSecurity> security;

    private LocalRuntime(EmbeddedDatabase database, KafkaBroker broker, Optional<TransportSecurity> security) {
        this.database = database;
        this.broker = broker;
        this.security = security;
    }

    /**
     * Ports to bind; 0 picks a free one. {@code fresh} wipes the database's data first. {@code secure}: the broker's
     * clients speak SASL_SSL (SCRAM-SHA-512; mutual TLS on the port after the controller's) and PostgreSQL TLS only,
     * with certificates made for this data directory ({@link TransportSecurity}, under {@code tls/}).
     */
    public record Settings(Path dataDir, int kafkaPort, int controllerPort, int postgresPort, boolean fresh,
                           boolean secure) {
    }

    public static LocalRuntime start(Settings settings) throws IOException {
        Path postgres = settings.dataDir().resolve("postgres");
        TransportSecurity security = settings.secure() ? TransportSecurity.under(settings.dataDir().resolve("tls")) : null;
        EmbeddedDatabase database = security == null
                ? EmbeddedDatabase.start(postgres, portOrFree(settings.postgresPort()), settings.fresh())
                : EmbeddedDatabase.startWithTls(postgres, postgres.resolve("binaries"),
                        portOrFree(settings.postgresPort()), settings.fresh(), security);
        try {
            Path kafka = settings.dataDir().resolve("kafka");
            int kafkaPort = portOrFree(settings.kafkaPort());
            int controllerPort = portOrFree(settings.controllerPort());
            KafkaBroker broker = security == null ? KafkaBroker.start(kafka, kafkaPort, controllerPort)
                    : KafkaBroker.startSecure(kafka, kafkaPort, settings.controllerPort() == 0 ? Ports.free()
                            : controllerPort + 1, controllerPort, security);
            return new LocalRuntime(database, broker, Optional.ofNullable(security));
        } catch (IOException | RuntimeException e) {
            database.close();
            throw e;
        }
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public String jdbcUrl() {
        return database.jdbcUrl();
    }

    public KafkaBroker broker() {
        return broker;
    }

    public EmbeddedDatabase database() {
        return database;
    }

    /**
     * The configuration every decision-log service needs to use this runtime, as Quarkus property names: on a secured
     * runtime also the Kafka client settings they share ({@code kafka.security.protocol}, {@code kafka.sasl.mechanism},
     * {@code kafka.ssl.*}), but no user: each service's own is {@link #serviceCredentials}.
     */
    public Map<String, String> serviceConfig() {
        Map<String, String> config = serviceConfig(bootstrapServers(), jdbcUrl());
        broker.clientConfig().forEach((key, value) -> {
            if (!key.equals(SaslConfigs.SASL_JAAS_CONFIG)) {
                config.putIfAbsent("kafka." + key, String.valueOf(value));
            }
        });
        return config;
    }

    /**
     * The Kafka user of {@code service} on a secured runtime ({@code kafka.sasl.jaas.config}, its password among it),
     * held to the service's ACLs; nothing on a cleartext one.
     */
    public Map<String, String> serviceCredentials(String service) {
        return security.map(transport -> Map.of("kafka." + SaslConfigs.SASL_JAAS_CONFIG, transport.jaasConfig(service)))
                .orElse(Map.of());
    }

    static Map<String, String> serviceConfig(String bootstrapServers, String jdbcUrl) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("kafka.bootstrap.servers", bootstrapServers);
        config.put("quarkus.datasource.jdbc.url", jdbcUrl);
        config.put("quarkus.datasource.username", EmbeddedDatabase.USER);
        return config;
    }

    @Override
    public void close() {
        try {
            broker.close();
        } finally {
            database.close();
        }
    }

    private static int portOrFree(int port) {
        return port == 0 ? Ports.free() : port;
    }
}
