package io.decisionlog.graph.store;

import io.decisionlog.deploy.local.LocalRuntimeResource;
import io.decisionlog.deploy.local.RuntimeTest;
import io.decisionlog.events.BlameFile;
import io.decisionlog.events.BlameRange;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The writer's transaction on the real PostgreSQL: all of a batch and its offsets, or none of either. */
@QuarkusTest
@QuarkusTestResource(LocalRuntimeResource.class)
@RuntimeTest
class StoreWriterTest {
    private final String repo = "acme/writer-" + UUID.randomUUID().toString().substring(0, 8);
    private final TopicPartition partition = new TopicPartition("store-writer-test-" + repo.substring(13), 0);

    @Inject
    StoreWriter writer;

    @Test
    void shouldRollBackTheWholeBatchAndItsOffsetsWhenOneRecordFails() throws Exception {
        long generation = writer.generation();
        StoreChange good = blame("good.yaml", new BlameRange(1, 2, "a".repeat(40), "good.yaml", 1));
        StoreChange broken = blame("broken.yaml", new BlameRange(1, 1, "a".repeat(40), null, 1),
                new BlameRange(1, 1, "b".repeat(40), null, 1));

        assertThatThrownBy(() -> writer.apply(List.of(good, broken), Map.of(partition, 10L), generation))
                .hasMessageContaining("duplicate key");

        assertThat(rangeCount()).isZero();
        assertThat(writer.offsets(List.of(partition))).isEmpty();
    }

    @Test
    void shouldLeaveTheSameRowsWhenABatchIsAppliedAgainAfterACrash() throws Exception {
        long generation = writer.generation();
        StoreChange good = blame("good.yaml", new BlameRange(1, 1, "a".repeat(40), null, 1),
                new BlameRange(2, 1, "b".repeat(40), null, 2));

        assertThat(writer.apply(List.of(good), Map.of(partition, 5L), generation)).isTrue();
        assertThat(writer.apply(List.of(good, good), Map.of(partition, 5L), generation)).isTrue();

        assertThat(rangeCount()).isEqualTo(2);
        assertThat(writer.offsets(List.of(partition))).containsEntry(partition, 5L);
    }

    @Test
    void shouldWriteNothingForAGenerationThatARebuildEnded() throws Exception {
        long stale = writer.generation() - 1;

        assertThat(writer.apply(List.of(blame("late.yaml", new BlameRange(1, 1, "a".repeat(40), null, 1))),
                Map.of(partition, 3L), stale)).isFalse();

        assertThat(rangeCount()).isZero();
        assertThat(writer.offsets(List.of(partition))).isEmpty();
    }

    @Test
    void shouldRefuseARangeOutsideTheFileText() throws Exception {
        long generation = writer.generation();
        StoreChange outside = blame("short.yaml", new BlameRange(2, 5, "a".repeat(40), null, 2));

        assertThatThrownBy(() -> writer.apply(List.of(outside), Map.of(partition, 1L), generation))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("range at line 2 (5 lines) lies outside the 2 lines of short.yaml");
    }

    private StoreChange blame(String path, BlameRange... ranges) {
        return new StoreChange.Blame(repo, path, new BlameFile(repo, path, "c".repeat(40), 2, List.of(ranges),
                List.of("first: 1", "second: 2")));
    }

    private long rangeCount() {
        return QuarkusTransaction.requiringNew().call(() -> BlameRangeRow.count("repo", repo));
    }
}
