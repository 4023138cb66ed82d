package io.decisionlog.graph.projection;

import io.decisionlog.graph.config.StoreConfig;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.decisionlog.events.ClientConfigs;
import io.decisionlog.graph.store.StoreChange;
import io.decisionlog.graph.store.StoreWriter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads {@code decisionlog.git.blame.v1}, {@code decisionlog.chains.v1} and {@code decisionlog.minutes.v1} and writes
 * them into the store, a batch per database transaction that also records the offsets it reaches. Where to resume
 * comes from the store, never from Kafka's committed offsets (those are written afterwards, for lag monitoring
 * only): a crash between the two re-applies a batch, which upserts leave unchanged.
 * <p>
 * A record that cannot be read or stored is logged with its topic, partition, offset and reason, and skipped;
 * a database that cannot be reached stops the loop until it can (nothing is skipped for that).
 */
@ApplicationScoped
public class StoreProjection {
    private static final Logger LOG = Logger.getLogger(StoreProjection.class);
    private static final Duration GENERATION_CHECK = Duration.ofSeconds(1);

    private final StoreWriter writer;
    private final StoreConfig config;
    private final ObjectMapper answers;
    private final String bootstrapServers;
    private final Counter applied;
    private final Counter skipped;
    private final AtomicLong lag = new AtomicLong(-1);
    private volatile boolean running;
    private volatile Thread thread;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile long generation = -1;
    private volatile boolean caughtUp;
    private volatile int partitions;
    private volatile String lastError;
    private long lastGenerationCheck;

    @Inject
    public StoreProjection(StoreWriter writer, StoreConfig config, MeterRegistry registry, ObjectMapper answers,
                           @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.writer = writer;
        this.config = config;
        this.answers = answers;
        this.bootstrapServers = bootstrapServers;
        this.applied = registry.counter("decisionlog.store.records.applied");
        this.skipped = registry.counter("decisionlog.store.records.skipped");
        registry.gauge("decisionlog.store.lag.records", lag);
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            LOG.info("store projection disabled (decisionlog.store.enabled=false)");
            return;
        }
        running = true;
        thread = new Thread(this::run, "store-projection");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
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
        return new ProjectionStatus(generation, partitions, Math.max(lag.get(), 0), caughtUp, (long) applied.count(),
                (long) skipped.count(), lastError);
    }

    /** True while the loop runs (the database may still be unreachable; the status says so). */
    public boolean alive() {
        return !config.enabled() || (thread != null && thread.isAlive());
    }

    private void run() {
        while (running) {
            try {
                follow();
            } catch (WakeupException e) {
                // shutting down
            } catch (Exception e) {
                lastError = e.getMessage();
                LOG.errorf(e, "store projection stopped (%s); resuming from the store's offsets in 2 s", e.getMessage());
                pause(Duration.ofSeconds(2));
            }
        }
    }

    private void follow() throws SQLException {
        try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(consumerConfig())) {
            consumer = kafka;
            generation = writer.generation();
            kafka.subscribe(RecordDecoder.TOPICS, new ResumeFromStore(kafka));
            while (running) {
                noticeRebuild(kafka);
                ConsumerRecords<String, byte[]> records = kafka.poll(Duration.ofMillis(200));
                if (!records.isEmpty()) {
                    applyBatch(kafka, records);
                }
                observeLag(kafka);
            }
        }
    }

    private void applyBatch(KafkaConsumer<String, byte[]> kafka, ConsumerRecords<String, byte[]> records)
            throws SQLException {
        List<StoreChange> changes = new ArrayList<>();
        Map<TopicPartition, Long> next = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            decode(record, changes);
            next.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
        }
        boolean current;
        try {
            current = writer.apply(changes, next, generation);
        } catch (SQLException | RuntimeException e) {
            if (!Poison.is(e)) {
                throw e;
            }
            current = applyOneByOne(records);
        }
        if (!current) {
            resumeFromStore(kafka, kafka.assignment());
            return;
        }
        applied.increment(changes.size());
        lastError = null;
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        next.forEach((partition, offset) -> commit.put(partition, new OffsetAndMetadata(offset)));
        kafka.commitAsync(commit, null);
    }

    /** After a batch failed on a record the database refuses: find it, skip it, keep the rest. */
    private boolean applyOneByOne(ConsumerRecords<String, byte[]> records) throws SQLException {
        for (ConsumerRecord<String, byte[]> record : records) {
            Map<TopicPartition, Long> next = Map.of(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
            List<StoreChange> change = new ArrayList<>(1);
            decode(record, change);
            try {
                if (!writer.apply(change, next, generation)) {
                    return false;
                }
            } catch (SQLException | RuntimeException e) {
                if (!Poison.is(e)) {
                    throw e;
                }
                reportSkipped(record, Poison.reason(e));
                if (!writer.skip(next, generation)) {
                    return false;
                }
            }
        }
        return true;
    }

    private void decode(ConsumerRecord<String, byte[]> record, List<StoreChange> into) {
        try {
            into.add(RecordDecoder.decode(record, answers));
        } catch (RuntimeException e) {
            reportSkipped(record, e.getMessage());
        }
    }

    private void reportSkipped(ConsumerRecord<String, byte[]> record, String reason) {
        skipped.increment();
        lastError = "skipped " + record.topic() + "-" + record.partition() + "@" + record.offset() + ": " + reason;
        LOG.errorf("store: skipped record %s-%d@%d (key %s): %s", record.topic(), record.partition(), record.offset(),
                record.key(), reason);
    }

    /** A rebuild by any instance bumps the generation: drop what was read and start over from the store's offsets. */
    private void noticeRebuild(KafkaConsumer<String, byte[]> kafka) throws SQLException {
        long now = System.nanoTime();
        if (now - lastGenerationCheck < GENERATION_CHECK.toNanos()) {
            return;
        }
        lastGenerationCheck = now;
        if (writer.generation() != generation) {
            resumeFromStore(kafka, kafka.assignment());
        }
    }

    private void resumeFromStore(KafkaConsumer<String, byte[]> kafka, Collection<TopicPartition> assigned)
            throws SQLException {
        generation = writer.generation();
        Map<TopicPartition, Long> stored = writer.offsets(assigned);
        List<TopicPartition> fresh = new ArrayList<>();
        for (TopicPartition partition : assigned) {
            Long offset = stored.get(partition);
            if (offset == null) {
                fresh.add(partition);
            } else {
                kafka.seek(partition, offset);
            }
        }
        kafka.seekToBeginning(fresh);
        caughtUp = false;
    }

    private void observeLag(KafkaConsumer<String, byte[]> kafka) {
        long total = 0;
        boolean known = true;
        for (TopicPartition partition : kafka.assignment()) {
            var partitionLag = kafka.currentLag(partition);
            if (partitionLag.isPresent()) {
                total += partitionLag.getAsLong();
            } else {
                known = false;
            }
        }
        partitions = kafka.assignment().size();
        lag.set(total);
        caughtUp = known && total == 0 && partitions > 0;
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = ClientConfigs.stateReader(bootstrapServers, "decision-graph-store");
        config.put(ConsumerConfig.GROUP_ID_CONFIG, this.config.groupId());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, this.config.maxBatch());
        // blame records reach 1 MB: bound what one poll holds in memory
        config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 16 * 1024 * 1024);
        return config;
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Newly assigned partitions resume where the store stands, not where the group's offsets say. */
    private final class ResumeFromStore implements ConsumerRebalanceListener {
        private final KafkaConsumer<String, byte[]> kafka;

        ResumeFromStore(KafkaConsumer<String, byte[]> kafka) {
            this.kafka = kafka;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            try {
                resumeFromStore(kafka, assigned);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the store's offsets: " + e.getMessage(), e);
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            // each batch is committed with its offsets before the next poll: nothing is pending here
        }
    }
}
