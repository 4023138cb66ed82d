package io.decisionlog.graph.projection;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.decisionlog.events.Topics;
import io.decisionlog.graph.store.StoreChange;
import io.decisionlog.graph.store.StoreWriter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.enterprise.inject.Vetoed;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The projection's loop against a mock consumer and a store in memory: batches go in with their offsets, it
 * resumes where the store stands, skips and counts what cannot be stored, and ends its consumer when the database
 * is away. Each test drives the loop through the consumer's polls and stops it from the last one.
 */
@Timeout(30)
class ProjectionLoopTest {
    private static final TopicPartition PARTITION = new TopicPartition(Topics.MINUTES.name(), 0);

    private final List<Map<TopicPartition, OffsetAndMetadata>> commits = new ArrayList<>();
    private final MockConsumer<String, byte[]> consumer = new MockConsumer<>(OffsetResetStrategy.EARLIEST) {
        @Override
        public synchronized void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets,
                                             OffsetCommitCallback callback) {
            commits.add(Map.copyOf(offsets));
            super.commitAsync(offsets, callback);
        }
    };
    private final Store store = new Store();
    private final ProjectionState state = new ProjectionState(new SimpleMeterRegistry());
    private final ProjectionLoop loop = new ProjectionLoop(store, new ObjectMapper(), () -> consumer, state);

    @Test
    void shouldStoreEachBatchWithItsOffsetsResumingWhereTheStoreStands() {
        store.offsets.put(PARTITION, 2L);
        consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
        consumer.updateEndOffsets(Map.of(PARTITION, 5L));
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(PARTITION));
            addRecords(0, 5);
        });
        consumer.schedulePollTask(loop::stop);

        loop.run();

        assertThat(store.batches).containsExactly(List.of("minutes:D-2024-002", "minutes:D-2024-003", "minutes:D-2024-004"));
        assertThat(store.offsets).containsEntry(PARTITION, 5L);
        assertThat(commits).containsExactly(Map.of(PARTITION, new OffsetAndMetadata(5L)));
        ProjectionStatus status = state.status();
        assertThat(status.applied()).isEqualTo(3);
        assertThat(status.skipped()).isZero();
        assertThat(status.generation()).isEqualTo(1);
        assertThat(status.partitions()).isEqualTo(1);
        assertThat(status.lag()).isZero();
        assertThat(status.caughtUp()).isTrue();
    }

    @Test
    void shouldSkipAndCountARecordItCannotRead() {
        startAtTheBeginning();
        consumer.schedulePollTask(() -> {
            addRecords(0, 1);
            consumer.addRecord(new ConsumerRecord<>(PARTITION.topic(), PARTITION.partition(), 1, null, null));
            addRecords(2, 3);
        });
        consumer.schedulePollTask(loop::stop);

        loop.run();

        assertThat(store.batches).containsExactly(List.of("minutes:D-2024-000", "minutes:D-2024-002"));
        assertThat(store.offsets).containsEntry(PARTITION, 3L);
        assertThat(state.status().skipped()).isEqualTo(1);
        assertThat(state.status().applied()).isEqualTo(2);
    }

    @Test
    void shouldSkipARecordTheDatabaseRefusesAndStoreTheRestOneByOne() {
        store.refused = "minutes:D-2024-001";
        startAtTheBeginning();
        consumer.schedulePollTask(() -> addRecords(0, 3));
        consumer.schedulePollTask(loop::stop);

        loop.run();

        assertThat(store.batches).containsExactly(List.of("minutes:D-2024-000"), List.of(), List.of("minutes:D-2024-002"));
        assertThat(store.offsets).containsEntry(PARTITION, 3L);
        assertThat(state.status().skipped()).isEqualTo(1);
    }

    @Test
    void shouldStartOverFromTheEmptiedStoreAfterARebuild() {
        startAtTheBeginning();
        consumer.schedulePollTask(() -> addRecords(0, 2));
        consumer.schedulePollTask(() -> {
            store.generation = 2;
            store.offsets.clear();
            addRecords(2, 3);
        });
        consumer.schedulePollTask(() -> addRecords(0, 3));
        consumer.schedulePollTask(loop::stop);

        loop.run();

        assertThat(store.batches).containsExactly(List.of("minutes:D-2024-000", "minutes:D-2024-001"),
                List.of("minutes:D-2024-000", "minutes:D-2024-001", "minutes:D-2024-002"));
        assertThat(store.offsets).containsEntry(PARTITION, 3L);
        assertThat(state.status().generation()).isEqualTo(2);
    }

    @Test
    void shouldEndItsConsumerWithoutSkippingAnythingWhenTheDatabaseIsAway() {
        startAtTheBeginning();
        consumer.schedulePollTask(() -> {
            store.away = true;
            addRecords(0, 2);
        });

        assertThatThrownBy(loop::follow).isInstanceOf(SQLException.class).hasMessageContaining("connection refused");

        assertThat(consumer.closed()).isTrue();
        assertThat(store.offsets).isEmpty();
        assertThat(commits).isEmpty();
        assertThat(state.status().skipped()).isZero();
    }

    private void startAtTheBeginning() {
        consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
        consumer.schedulePollTask(() -> consumer.rebalance(List.of(PARTITION)));
    }

    /** Tombstones of decisions' minutes (a valid change that needs no payload), at offsets {@code from..to-1}. */
    private void addRecords(int from, int to) {
        for (int offset = from; offset < to; offset++) {
            consumer.addRecord(new ConsumerRecord<>(PARTITION.topic(), PARTITION.partition(), offset,
                    String.format("D-2024-%03d", offset), null));
        }
    }

    /** The store in memory: the identities of each batch applied, and the offsets reached. */
    @Vetoed
    private static final class Store extends StoreWriter {
        final List<List<String>> batches = new ArrayList<>();
        final Map<TopicPartition, Long> offsets = new HashMap<>();
        long generation = 1;
        String refused;
        boolean away;

        Store() {
            super(null);
        }

        @Override
        public boolean apply(List<StoreChange> changes, Map<TopicPartition, Long> nextOffsets, long generation)
                throws SQLException {
            if (away) {
                throw new SQLException("connection refused", "08001");
            }
            if (changes.stream().anyMatch(change -> change.identity().equals(refused))) {
                throw new SQLException("duplicate key value violates unique constraint", "23505");
            }
            if (generation != this.generation) {
                return false;
            }
            batches.add(changes.stream().map(StoreChange::identity).toList());
            offsets.putAll(nextOffsets);
            return true;
        }

        @Override
        public long generation() {
            return generation;
        }

        @Override
        public Map<TopicPartition, Long> offsets(Collection<TopicPartition> partitions) {
            Map<TopicPartition, Long> known = new HashMap<>(offsets);
            known.keySet().retainAll(partitions);
            return known;
        }
    }
}
