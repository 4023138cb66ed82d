package io.decisionlog.graph.topology;

import io.decisionlog.events.CiRun;
import io.decisionlog.events.Placement;
import io.decisionlog.events.Topics;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import java.util.Optional;
import java.util.Set;

/**
 * Where a run of ci.runs is kept: in the task of the commit it ran on, so that it reaches its chain without a topic
 * between. The ci-audit-ingester publishes each run on its commit's partition ({@link Placement#byCommit}), and those
 * runs are taken where they are ({@link #inPlace}). Others ({@link #elsewhere}) go through
 * {@code runs-to-their-commits} first ({@link #partitioner}): a run published before runs were placed or by a producer
 * that places by key, to its commit's partition; a tombstone, which names no commit, to every partition, and the one
 * that keeps the run deletes it.
 * <p>
 * A run attempt builds one commit in every CI system taken in; a later status of the same run naming another commit
 * would be kept in that commit's partition beside the first, not in place of it.
 */
final class RunPlacement {
    private static final Placement<CiRun> PLACEMENT = Topics.CI_RUNS.placement();

    private RunPlacement() {
    }

    /** The runs on their commit's partition. */
    static ProcessorSupplier<String, CiRun, String, CiRun> inPlace() {
        return () -> new Sorting(true);
    }

    /** Tombstones, and runs on any partition but their commit's. */
    static ProcessorSupplier<String, CiRun, String, CiRun> elsewhere() {
        return () -> new Sorting(false);
    }

    /** A run to its commit's partition; a tombstone to every partition. */
    static StreamPartitioner<String, CiRun> partitioner() {
        StreamPartitioner<String, CiRun> everyPartition = DecisionGraphTopology.everyPartition();
        return (topic, runKey, run, partitions) -> run == null
                ? everyPartition.partitions(topic, runKey, null, partitions)
                : Optional.of(Set.of(PLACEMENT.partition(runKey, run, partitions)));
    }

    /** Passes on the records that are, or are not, where they are kept. */
    private static final class Sorting extends ContextualProcessor<String, CiRun, String, CiRun> {
        private final boolean inPlace;

        Sorting(boolean inPlace) {
            this.inPlace = inPlace;
        }

        @Override
        public void process(Record<String, CiRun> record) {
            if (isInPlace(record) == inPlace) {
                context().forward(record);
            }
        }

        private boolean isInPlace(Record<String, CiRun> record) {
            Optional<Integer> partition = context().recordMetadata().map(RecordMetadata::partition);
            int kept = record.value() == null ? -1
                    : PLACEMENT.partition(record.key(), record.value(), Topics.CI_RUNS.partitions());
            return partition.isPresent() && partition.get() == kept;
        }
    }
}
