package io.decisionlog.deploy.local;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The local runtime: one Kafka broker and one PostgreSQL, started together, stopped in reverse order. */
public final class LocalRuntime implements AutoCloseable {
    private final EmbeddedDatabase database;
    private final KafkaBroker broker;

    private LocalRuntime(EmbeddedDatabase database, KafkaBroker broker) {
        this.database = database;
        this.broker = broker;
    }

    /** Ports to bind; 0 picks a free one. {@code fresh} wipes the database's data first. */
    public record Settings(Path dataDir, int kafkaPort, int controllerPort, int postgresPort, boolean fresh) {
    }

    public static LocalRuntime start(Settings settings) throws IOException {
        EmbeddedDatabase database = EmbeddedDatabase.start(settings.dataDir().resolve("postgres"),
                portOrFree(settings.postgresPort()), settings.fresh());
        try {
            KafkaBroker broker = KafkaBroker.start(settings.dataDir().resolve("kafka"),
                    portOrFree(settings.kafkaPort()), portOrFree(settings.controllerPort()));
            return new LocalRuntime(database, broker);
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

    /** The configuration a decision-log service needs to use this runtime, as Quarkus property names. */
    public Map<String, String> serviceConfig() {
        return serviceConfig(bootstrapServers(), jdbcUrl());
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
