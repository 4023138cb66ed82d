package io.decisionlog.graph.bench;

import io.decisionlog.events.CiRun;
import io.decisionlog.events.DecisionChain;
import io.decisionlog.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Where the probe runs that no committed chain showed the latency phase are: in a committed chain after all (the
 * reader missed it), only in a chain of an open or aborted transaction, or in no chain written. Reads the whole chains
 * topic twice, so only when a run fails.
 */
final class MissingProbes {
    private MissingProbes() {
    }

    static String explain(String bootstrap, Set<String> runKeys) {
        Set<String> committed = listed(bootstrap, "read_committed", runKeys);
        Set<String> uncommitted = listed(bootstrap, "read_uncommitted", runKeys);
        Map<String, String> where = new TreeMap<>();
        for (String run : runKeys) {
            where.put(run, committed.contains(run) ? "in a committed chain (the reader missed it)"
                    : uncommitted.contains(run) ? "only in a chain of an open or aborted transaction"
                    : "in no chain written");
        }
        return where.toString();
    }

    /**
     * What the real topology's stores hold of each missing run: its newest status ({@code runs}, by run key) and its
     * commit's row ({@code commit-facts}, whose key ends with the commit key), so a run dropped on its way shows where.
     */
    static String stores(KafkaStreams streams, Map<String, CiRun> runs) {
        ReadOnlyKeyValueStore<Object, Object> tracked = store(streams, "runs");
        ReadOnlyKeyValueStore<Object, Object> commits = store(streams, "commit-facts");
        StringBuilder out = new StringBuilder();
        runs.forEach((runKey, run) -> {
            out.append("\n  ").append(runKey).append(" in runs: ").append(tracked.get(runKey) != null);
            try (KeyValueIterator<Object, Object> rows = commits.all()) {
                rows.forEachRemaining(row -> {
                    if (String.valueOf(row.key).endsWith(run.commitKey())) {
                        String value = String.valueOf(row.value);
                        out.append("\n  its commit's row ").append(row.key).append(": ")
                                .append(value, 0, Math.min(value.length(), 3000));
                    }
                });
            }
        });
        return out.toString();
    }

    private static ReadOnlyKeyValueStore<Object, Object> store(KafkaStreams streams, String name) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore()));
    }

    /** Which of {@code runKeys} some chain on the topic lists, read from the beginning at this isolation level. */
    private static Set<String> listed(String bootstrap, String isolation, Set<String> runKeys) {
        Set<String> found = new HashSet<>();
        try (KafkaConsumer<String, DecisionChain> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation),
                new StringDeserializer(), Topics.CHAINS.valueSerde())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.CHAINS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, DecisionChain> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() != null) {
                        record.value().ciRuns().stream().map(CiRun::key).filter(runKeys::contains).forEach(found::add);
                    }
                }
            }
        }
        return found;
    }
}
