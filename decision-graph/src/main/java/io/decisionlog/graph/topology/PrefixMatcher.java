package io.decisionlog.graph.topology;

import io.decisionlog.events.DecisionMinutes;
import io.decisionlog.events.JsonSerde;
import io.decisionlog.graph.topology.FanOut.Target;
import io.decisionlog.graph.topology.LinkState.CommitChange;
import io.decisionlog.graph.topology.LinkState.CommitFacts;
import io.decisionlog.graph.topology.LinkState.MinutesChange;
import io.decisionlog.graph.topology.LinkState.PrefixMatches;
import io.decisionlog.graph.topology.LinkState.PrefixRequest;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Matches the short shas of minutes against the commits of this partition: the commit side's rows, stored sha
 * first, so a prefix scan finds them. Keeps every minutes entry of every decision (they reach every partition)
 * under its first seven hex digits, so that a commit coming or going finds the entries it matches. Sends, keyed by
 * entry, what this partition matches whenever that may have changed, to {@link PrefixCounter}, which alone sees
 * all partitions and so knows whether a prefix is unique. Its two inputs are two processors of one task that share
 * the entries: {@link #ofMinutesChanges} (by decision id; supplies the store, so it goes into the topology first)
 * and {@link #ofCommitChanges} (by commit key).
 * <p>
 * The entries are an index of this partition's copy of the minutes ({@link MinutesCopy#STORE}), so they are not
 * changelogged ({@link StoreFactory#index}): each minutes record reaches every partition, and a changelogged entry
 * cost a broker record on each (a sixth of what the minutes cost the broker, BENCHMARKS.md, issue #24). They are
 * rebuilt from the copy whenever the task starts.
 */
final class PrefixMatcher {
    static final String STORE = "prefix-requests";

    private final StoreFactory stores;

    PrefixMatcher(StoreFactory stores) {
        this.stores = stores;
    }

    /** A decision's minutes changed: its entries that came or went, with what this partition matches for them. */
    ProcessorSupplier<String, MinutesChange, String, PrefixMatches> ofMinutesChanges() {
        return new ProcessorSupplier<>() {
            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(stores.index(STORE, Serdes.String(), JsonSerde.of(PrefixRequest.class)));
            }

            @Override
            public Processor<String, MinutesChange, String, PrefixMatches> get() {
                return new Matching<>() {
                    @Override
                    public void init(ProcessorContext<String, PrefixMatches> context) {
                        super.init(context);
                        rebuild(context.getStateStore(MinutesCopy.STORE));
                    }

                    @Override
                    public void process(Record<String, MinutesChange> record) {
                        String decisionId = record.key();
                        requestsChanged(record, requests(decisionId, record.value().before()),
                                requests(decisionId, record.value().after()));
                    }
                };
            }
        };
    }

    /** A commit came or went: what this partition now matches for the entries its sha may match. */
    ProcessorSupplier<String, CommitChange, String, PrefixMatches> ofCommitChanges() {
        return () -> new Matching<>() {
            @Override
            public void process(Record<String, CommitChange> record) {
                CommitChange change = record.value();
                if ((change.before().commit() == null) != (change.after().commit() == null)) {
                    commitCameOrWent(record, record.key());
                }
            }
        };
    }

    private static Map<Target, PrefixRequest> requests(String decisionId, DecisionMinutes minutes) {
        return minutes == null ? Map.of() : Prefixes.requests(decisionId, minutes);
    }

    /** What both inputs share: the stores, the matching, and sending what matched. */
    private abstract static class Matching<V> implements Processor<String, V, String, PrefixMatches> {
        private ProcessorContext<String, PrefixMatches> context;
        private KeyValueStore<String, CommitFacts> commits;
        private KeyValueStore<String, PrefixRequest> requests;

        @Override
        public void init(ProcessorContext<String, PrefixMatches> context) {
            this.context = context;
            commits = context.getStateStore(CommitSide.STORE);
            requests = context.getStateStore(STORE);
        }

        /** The entries of every decision in the copy, and nothing else. */
        void rebuild(KeyValueStore<String, DecisionMinutes> copy) {
            List<String> stale = new ArrayList<>();
            try (KeyValueIterator<String, PrefixRequest> rows = requests.all()) {
                rows.forEachRemaining(row -> stale.add(row.key));
            }
            stale.forEach(requests::delete);
            try (KeyValueIterator<String, DecisionMinutes> minutes = copy.all()) {
                minutes.forEachRemaining(decision -> requests(decision.key, decision.value).forEach((target, request) ->
                        requests.put(CompositeKey.of(target.key(), target.member()), request)));
            }
        }

        void requestsChanged(Record<String, V> record, Map<Target, PrefixRequest> before,
                             Map<Target, PrefixRequest> after) {
            before.forEach((target, request) -> {
                if (!after.containsKey(target)) {
                    requests.delete(CompositeKey.of(target.key(), target.member()));
                    if (!matches(request).isEmpty()) {
                        send(record, target.member(), request, List.of());
                    }
                }
            });
            after.forEach((target, request) -> {
                if (!before.containsKey(target)) {
                    requests.put(CompositeKey.of(target.key(), target.member()), request);
                    List<String> found = matches(request);
                    if (!found.isEmpty()) {
                        send(record, target.member(), request, found);
                    }
                }
            });
        }

        void commitCameOrWent(Record<String, V> record, String commitKey) {
            String shard = Prefixes.shardOfCommit(commitKey);
            if (shard == null) {
                return;
            }
            for (KeyValue<String, PrefixRequest> request : StoreRows.group(requests, shard)) {
                if (Prefixes.matches(request.value, commitKey)) {
                    send(record, CompositeKey.member(request.key, shard), request.value, matches(request.value));
                }
            }
        }

        /** The commits of this partition an entry matches, sorted. */
        private List<String> matches(PrefixRequest request) {
            return StoreRows.startingWith(commits, request.prefix()).stream()
                    .filter(row -> row.value.commit() != null)
                    .map(row -> CommitSide.commitKeyOf(row.key))
                    .filter(commitKey -> Prefixes.matches(request, commitKey))
                    .sorted()
                    .toList();
        }

        private void send(Record<String, V> record, String requestKey, PrefixRequest request, List<String> found) {
            context.forward(record.withKey(requestKey)
                    .withValue(new PrefixMatches(context.taskId().partition(), request, found)));
        }
    }
}
