package io.decisionlog.graph.projection;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.decisionlog.graph.config.StoreConfig;
import io.decisionlog.graph.store.StoreWriter;
import io.decisionlog.kit.kafka.KafkaClients;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

/**
 * Reads {@code decisionlog.git.blame.v1}, {@code decisionlog.chains.v1} and {@code decisionlog.minutes.v1} into the
 * store ({@link ProjectionLoop}, on a thread of its own from startup to shutdown); empties the store for a rebuild,
 * and tells how far the projection is.
 */
@ApplicationScoped
public class StoreProjection {
    private static final Logger LOG = Logger.getLogger(StoreProjection.class);

    private final StoreWriter writer;
    private final StoreConfig config;
    private final ProjectionState state;
    private final ProjectionLoop loop;
    private volatile Thread thread;

    @Inject
    public StoreProjection(StoreWriter writer, StoreConfig config, MeterRegistry registry, ObjectMapper answers,
                           KafkaClients clients) {
        this.writer = writer;
        this.config = config;
        this.state = new ProjectionState(registry);
        this.loop = new ProjectionLoop(writer, answers,
                () -> clients.stateReader("decision-graph-store", consumerTuning(config)), state);
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            LOG.info("store projection disabled (decisionlog.store.enabled=false)");
            return;
        }
        thread = new Thread(loop, "store-projection");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        loop.stop();
        if (thread != null) {
            thread.join(Duration.ofSeconds(10).toMillis());
        }
    }

    /** Empties the store; every instance then replays its partitions from the beginning. Returns the new generation. */
    public long rebuild() throws SQLException {
        long next = writer.truncate();
        LOG.infof("store emptied for a rebuild (generation %d); replaying the topics from the beginning", next);
        return next;
    }

    public ProjectionStatus status() {
        return state.status();
    }

    /** True while the loop runs (the database may still be unreachable; the status says so). */
    public boolean alive() {
        return !config.enabled() || (thread != null && thread.isAlive());
    }

    /**
     * A group consumer over the state reader's settings: instances share the partitions, and a killed instance's
     * partitions move after a 10 s session (Kafka's default, 45 s, would leave them unprojected that long), as the
     * Streams consumers' do (application.properties).
     */
    private static Map<String, Object> consumerTuning(StoreConfig store) {
        return Map.of(ConsumerConfig.GROUP_ID_CONFIG, store.groupId(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000,
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, store.maxBatch(),
                // blame records reach 1 MB: bound what one poll holds in memory
                ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 16 * 1024 * 1024);
    }
}
