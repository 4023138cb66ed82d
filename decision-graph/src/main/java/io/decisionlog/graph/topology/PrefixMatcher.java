package io.decisionlog.graph.topology;

import io.decisionlog.events.JsonSerde;
import io.decisionlog.graph.topology.FanOut.Target;
import io.decisionlog.graph.topology.LinkState.ChainInput;
import io.decisionlog.graph.topology.LinkState.CommitFacts;
import io.decisionlog.graph.topology.LinkState.PrefixMatches;
import io.decisionlog.graph.topology.LinkState.PrefixRequest;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Matches the short shas of minutes against the commits of this partition: the commit side's rows, stored sha
 * first, so a prefix scan finds them. Keeps every minutes entry of every decision (they reach every partition)
 * under its first seven hex digits, so that a commit coming or going finds the entries it matches. Sends, keyed by
 * entry, what this partition matches whenever that may have changed, to {@link PrefixCounter}, which alone sees
 * all partitions and so knows whether a prefix is unique.
 */
final class PrefixMatcher implements ProcessorSupplier<String, ChainInput, String, PrefixMatches> {
    static final String STORE = "prefix-requests";

    private final StoreFactory stores;

    PrefixMatcher(StoreFactory stores) {
        this.stores = stores;
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(stores.keyValue(STORE, Serdes.String(), JsonSerde.of(PrefixRequest.class)));
    }

    @Override
    public Processor<String, ChainInput, String, PrefixMatches> get() {
        return new Processor<>() {
            private ProcessorContext<String, PrefixMatches> context;
            private KeyValueStore<String, CommitFacts> commits;
            private KeyValueStore<String, PrefixRequest> requests;

            @Override
            public void init(ProcessorContext<String, PrefixMatches> context) {
                this.context = context;
                commits = context.getStateStore(CommitSide.STORE);
                requests = context.getStateStore(STORE);
            }

            @Override
            public void process(Record<String, ChainInput> record) {
                ChainInput input = record.value();
                if (input.minutes() != null) {
                    String decisionId = record.key();
                    requestsChanged(record, input.minutes().before() == null ? Map.of()
                                    : Prefixes.requests(decisionId, input.minutes().before()),
                            input.minutes().after() == null ? Map.of()
                                    : Prefixes.requests(decisionId, input.minutes().after()));
                } else if ((input.own().before().commit() == null) != (input.own().after().commit() == null)) {
                    commitCameOrWent(record, record.key());
                }
            }

            private void requestsChanged(Record<String, ChainInput> record, Map<Target, PrefixRequest> before,
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

            private void commitCameOrWent(Record<String, ChainInput> record, String commitKey) {
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

            private void send(Record<String, ChainInput> record, String requestKey, PrefixRequest request,
                              List<String> found) {
                context.forward(record.withKey(requestKey)
                        .withValue(new PrefixMatches(context.taskId().partition(), request, found)));
            }
        };
    }
}
