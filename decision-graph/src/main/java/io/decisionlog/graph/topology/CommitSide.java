package io.decisionlog.graph.topology;

import io.decisionlog.events.JsonSerde;
import io.decisionlog.events.Keys;
import io.decisionlog.graph.topology.LinkState.CommitChange;
import io.decisionlog.graph.topology.LinkState.CommitFacts;
import io.decisionlog.graph.topology.LinkState.CommitInput;
import io.decisionlog.graph.topology.RunState.MergeEntry;
import io.decisionlog.graph.topology.RunState.RunsOfCommit;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Keeps, per commit key, the commit and the runs on it (commits arrive in this task as they are, runs re-keyed by
 * commit), in one row, and sends each change on, in the same task, as before and after. Rows are stored under
 * {@code sha SEP commitKey} so that {@link PrefixMatcher} finds the commits a short sha of the minutes matches with
 * a prefix scan ({@link #row}). What a change means for the commits a merge commit introduced is
 * {@link #mergeEntries}.
 */
final class CommitSide implements ProcessorSupplier<String, CommitInput, String, CommitChange> {
    static final String STORE = "commit-facts";

    private final StoreFactory stores;

    CommitSide(StoreFactory stores) {
        this.stores = stores;
    }

    /** The store key of a commit's row: its sha first, for prefix scans. */
    static String row(String commitKey) {
        return CompositeKey.of(Prefixes.shaOf(commitKey), commitKey);
    }

    static String commitKeyOf(String row) {
        return row.substring(row.indexOf(CompositeKey.SEP) + CompositeKey.SEP.length());
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(stores.keyValue(STORE, Serdes.String(), JsonSerde.of(CommitFacts.class)));
    }

    @Override
    public Processor<String, CommitInput, String, CommitChange> get() {
        return new Processor<>() {
            private ProcessorContext<String, CommitChange> context;
            private KeyValueStore<String, CommitFacts> facts;

            @Override
            public void init(ProcessorContext<String, CommitChange> context) {
                this.context = context;
                facts = context.getStateStore(STORE);
            }

            @Override
            public void process(Record<String, CommitInput> record) {
                String row = row(record.key());
                CommitFacts stored = facts.get(row);
                CommitFacts before = stored == null ? CommitFacts.NONE : stored;
                CommitFacts after = record.value().applyTo(before);
                if (before.equals(after)) {
                    return;
                }
                if (after.isEmpty()) {
                    facts.delete(row);
                } else {
                    facts.put(row, after);
                }
                context.forward(record.withValue(new CommitChange(before, after)));
            }
        };
    }

    /**
     * For a merge commit with runs, the runs on it to every commit it introduced, keyed by that commit, and a
     * retraction where they no longer apply; like an inner join, only a known merge commit with runs hands them on.
     */
    static List<KeyValue<String, MergeEntry>> mergeEntries(String mergeKey, CommitChange change) {
        Map<String, RunsOfCommit> was = introduced(mergeKey, change.before());
        Map<String, RunsOfCommit> is = introduced(mergeKey, change.after());
        List<KeyValue<String, MergeEntry>> entries = new ArrayList<>();
        was.keySet().stream().filter(target -> !is.containsKey(target))
                .forEach(target -> entries.add(KeyValue.pair(target, new MergeEntry(mergeKey, null))));
        is.forEach((target, runs) -> {
            if (!runs.equals(was.get(target))) {
                entries.add(KeyValue.pair(target, new MergeEntry(mergeKey, runs)));
            }
        });
        return entries;
    }

    /** The commits a merge commit with runs introduced, each with those runs. */
    private static Map<String, RunsOfCommit> introduced(String mergeKey, CommitFacts facts) {
        Map<String, RunsOfCommit> targets = new LinkedHashMap<>();
        if (facts.commit() == null || facts.direct() == null) {
            return targets;
        }
        for (String sha : facts.commit().introduced()) {
            if (sha != null && !sha.isBlank()) {
                String commitKey = Keys.commit(facts.commit().repo(), sha.trim());
                if (!Objects.equals(commitKey, mergeKey)) {
                    targets.put(commitKey, facts.direct());
                }
            }
        }
        return targets;
    }
}
