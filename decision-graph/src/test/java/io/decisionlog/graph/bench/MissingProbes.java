package io.decisionlog.graph.bench;

import io.decisionlog.events.CiRun;
import io.decisionlog.events.ClientConfigs;
import io.decisionlog.events.DecisionChain;
import io.decisionlog.events.Topics;
import io.decisionlog.events.kafka.TopicFollower;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

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
        StringBuilder out = new StringBuilder();
        runs.keySet().forEach(runKey ->
                out.append("\n  ").append(runKey).append(" in runs: ").append(tracked.get(runKey) != null));
        Set<String> commitKeys = runs.values().stream().map(CiRun::commitKey).collect(Collectors.toSet());
        try (KeyValueIterator<Object, Object> rows = store(streams, "commit-facts").all()) {
            rows.forEachRemaining(row -> {
                if (commitKeys.stream().anyMatch(String.valueOf(row.key)::endsWith)) {
                    String value = String.valueOf(row.value);
                    out.append("\n  commit row ").append(row.key).append(": ")
                            .append(value, 0, Math.min(value.length(), 3000));
                }
            });
        }
        return out.toString();
    }

    private static ReadOnlyKeyValueStore<Object, Object> store(KafkaStreams streams, String name) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore()));
    }

    /** Which of {@code runKeys} some chain on the topic lists, read from the beginning at this isolation level. */
    private static Set<String> listed(String bootstrap, String isolation, Set<String> runKeys) {
        Map<String, Object> config = new HashMap<>(ClientConfigs.stateReader(bootstrap, "bench-missing-probes"));
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        Set<String> found = new HashSet<>();
        try (TopicFollower chains = TopicFollower.fromBeginning(new KafkaConsumer<>(config),
                List.of(Topics.CHAINS.name()))) {
            chains.readToEnd(Duration.ofSeconds(60), record -> {
                DecisionChain chain = Topics.CHAINS.valueSerde().deserialize(record.topic(), record.value());
                if (chain != null) {
                    chain.ciRuns().stream().map(CiRun::key).filter(runKeys::contains).forEach(found::add);
                }
            });
        }
        return found;
    }
}
