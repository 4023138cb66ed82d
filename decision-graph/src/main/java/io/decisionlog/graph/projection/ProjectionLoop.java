package io.decisionlog.graph.projection;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.decisionlog.graph.store.StoreChange;
import io.decisionlog.graph.store.StoreWriter;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The store projection's consuming loop: polls the projected topics and writes each batch into the store together
 * with the offsets it reaches, in one transaction ({@link StoreWriter#apply}). Where to resume comes from the store,
 * never from Kafka's committed offsets (those are written afterwards, for lag monitoring only): a crash between the
 * two re-applies a batch, which upserts leave unchanged.
 * <p>
 * A record that cannot be read or stored is logged with its topic, partition, offset and reason, counted, and
 * skipped; a database that cannot be reached ends the current consumer, and the loop starts over from the store's
 * offsets 2 s later (nothing is skipped for that). A rebuild by any instance bumps the store's generation: the loop
 * notices within a second and starts over from the store's (emptied) offsets.
 */
final class ProjectionLoop implements Runnable {
    private static final Logger LOG = Logger.getLogger(StoreProjection.class);
    private static final Duration GENERATION_CHECK = Duration.ofSeconds(1);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(2);

    private final StoreWriter writer;
    private final ObjectMapper answers;
    private final Supplier<Consumer<String, byte[]>> consumers;
    private final ProjectionState state;
    private volatile boolean running = true;
    private volatile Consumer<String, byte[]> consumer;
    private long lastGenerationCheck;

    /**
     * @param answers   the mapper the API writes answers with (see {@link RecordDecoder#decode})
     * @param consumers a new consumer of the store's group for each start, subscribed by the loop itself
     */
    ProjectionLoop(StoreWriter writer, ObjectMapper answers, Supplier<Consumer<String, byte[]>> consumers,
                   ProjectionState state) {
        this.writer = writer;
        this.answers = answers;
        this.consumers = consumers;
        this.state = state;
    }

    /** Until {@link #stop()}: follows the topics, starting over after a failure. */
    @Override
    public void run() {
        while (running) {
            try {
                follow();
            } catch (WakeupException e) {
                // shutting down
            } catch (Exception e) {
                state.failed(e.getMessage());
                LOG.errorf(e, "store projection stopped (%s); resuming from the store's offsets in 2 s", e.getMessage());
                pause(RETRY_AFTER);
            }
        }
    }

    /** Ends the loop: the poll in progress is woken up. */
    void stop() {
        running = false;
        Consumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    /** One consumer's life: subscribe, then poll and apply until stopped or until the store fails. */
    void follow() throws SQLException {
        try (Consumer<String, byte[]> kafka = consumers.get()) {
            consumer = kafka;
            state.generation(writer.generation());
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

    private void applyBatch(Consumer<String, byte[]> kafka, ConsumerRecords<String, byte[]> records)
            throws SQLException {
        List<StoreChange> changes = new ArrayList<>();
        Map<TopicPartition, Long> next = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            decode(record, changes);
            next.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
        }
        boolean current;
        try {
            current = writer.apply(changes, next, state.generation());
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
        state.applied(changes.size());
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
                if (!writer.apply(change, next, state.generation())) {
                    return false;
                }
            } catch (SQLException | RuntimeException e) {
                if (!Poison.is(e)) {
                    throw e;
                }
                state.skipped(record, Poison.reason(e));
                if (!writer.skip(next, state.generation())) {
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
            state.skipped(record, e.getMessage());
        }
    }

    /** A rebuild by any instance bumps the generation: drop what was read and start over from the store's offsets. */
    private void noticeRebuild(Consumer<String, byte[]> kafka) throws SQLException {
        long now = System.nanoTime();
        if (now - lastGenerationCheck < GENERATION_CHECK.toNanos()) {
            return;
        }
        lastGenerationCheck = now;
        if (writer.generation() != state.generation()) {
            resumeFromStore(kafka, kafka.assignment());
        }
    }

    private void resumeFromStore(Consumer<String, byte[]> kafka, Collection<TopicPartition> assigned)
            throws SQLException {
        state.generation(writer.generation());
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
        state.resumed();
    }

    private void observeLag(Consumer<String, byte[]> kafka) {
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
        state.observed(kafka.assignment().size(), total, known);
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
        private final Consumer<String, byte[]> kafka;

        ResumeFromStore(Consumer<String, byte[]> kafka) {
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
