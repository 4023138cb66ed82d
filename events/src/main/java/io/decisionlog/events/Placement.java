package io.decisionlog.events;

import org.apache.kafka.common.utils.Utils;

import java.nio.charset.StandardCharsets;

/**
 * Which partition of its topic a record goes to: the partition Kafka's default partitioner gives a string, the
 * record's key unless the topic says otherwise. {@link Topics#CI_RUNS} is placed by the commit a run ran on, so that
 * a run and its commit (keyed by commit, so placed by it) meet in one partition and decision-graph joins them without
 * re-keying the run through a topic of its own: one transaction from a run to its chain instead of two. The key stays
 * the run's, so compaction still keeps each run's newest status.
 */
@FunctionalInterface
public interface Placement<V> {
    /** The string the record is placed by; {@code value} is null for a tombstone. */
    String placedBy(String key, V value);

    static <V> Placement<V> byKey() {
        return (key, value) -> key;
    }

    /** A run by its commit; a run that names no commit, and a tombstone (its run unknown), by its key. */
    static Placement<CiRun> byCommit() {
        return (key, run) -> run == null || run.repo() == null || run.headSha() == null ? key : run.commitKey();
    }

    /** The same partition the default partitioner would choose for {@link #placedBy} as the key. */
    default int partition(String key, V value, int partitions) {
        return partitionOf(placedBy(key, value), partitions);
    }

    /** Kafka's default partition of a string key. */
    static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
