package io.decisionlog.events;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class PlacementTest {
    private static final CiRun RUN = SampleEvents.ciRun();

    @Test
    void shouldPlaceEachRunOnThePartitionTheProducerGivesItsCommit() {
        for (int i = 0; i < 200; i++) {
            CiRun run = onCommit(String.format("%040x", i * 7919L));
            ProducerRecord<String, byte[]> record = Topics.CI_RUNS.record(run.key(), run);

            assertThat(record.partition()).as(run.headSha()).isEqualTo(BuiltInPartitioner.partitionForKey(
                    run.commitKey().getBytes(StandardCharsets.UTF_8), Topics.PARTITIONS));
            assertThat(record.key()).isEqualTo(run.key());
            assertThat(Topics.CI_RUNS.valueSerde().deserialize(record.topic(), record.value())).isEqualTo(run);
        }
    }

    @Test
    void shouldLeaveToThePartitionerWhatIsPlacedByItsKey() {
        // a tombstone names no commit; a run without one has none to go to; other topics go by key
        CiRun noCommit = onCommit(null);

        assertThat(Topics.CI_RUNS.record(RUN.key(), null).partition()).isNull();
        assertThat(Topics.CI_RUNS.record(noCommit.key(), noCommit).partition()).isNull();
        assertThat(Topics.COMMITS.record("acme/payments@abc", null).partition()).isNull();
    }

    private static CiRun onCommit(String sha) {
        return new CiRun(RUN.provider(), RUN.repo(), RUN.runId(), RUN.attempt(), RUN.workflow(), RUN.workflowPath(),
                RUN.event(), sha, RUN.headBranch(), RUN.actor(), RUN.status(), RUN.conclusion(), RUN.startedAt(),
                RUN.updatedAt(), RUN.completedAt(), RUN.url(), RUN.title(), RUN.decisionIds(), RUN.reason(),
                RUN.deliveryId(), RUN.receivedAt());
    }
}
