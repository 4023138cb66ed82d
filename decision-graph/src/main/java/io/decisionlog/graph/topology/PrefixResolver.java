package io.decisionlog.graph.topology;

import io.decisionlog.events.JsonSerde;
import io.decisionlog.graph.topology.LinkState.MinutesLink;
import io.decisionlog.graph.topology.LinkState.MinutesLinkEntry;
import io.decisionlog.graph.topology.LinkState.PrefixRequest;
import io.decisionlog.graph.topology.LinkState.Resolution;
import io.decisionlog.graph.topology.LinkState.ShaIndexInput;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

import java.util.List;
import java.util.Set;

import static io.decisionlog.graph.topology.DispatchCorrelator.scan;

/**
 * Expands the short shas of minutes against the known commits, keyed by shard (the first seven hex digits). A
 * commit arriving or leaving re-resolves every request of its shard; a request resolves on arrival. Forwards, for
 * each matched commit, {@code (commitKey, entry)} with the number of matches (one is a link, more is ambiguous and
 * links nothing), and retractions for commits it no longer matches. A prefix matching nothing forwards nothing:
 * there is no chain to say so in.
 */
final class PrefixResolver implements ProcessorSupplier<String, ShaIndexInput, String, MinutesLinkEntry> {
    static final String COMMITS = "prefix-commits";
    static final String REQUESTS = "prefix-requests";
    static final String RESOLVED = "prefix-resolved";

    private final Stores stores;

    PrefixResolver(Stores stores) {
        this.stores = stores;
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(stores.keyValue(COMMITS, Serdes.String(), Serdes.String()),
                stores.keyValue(REQUESTS, Serdes.String(), JsonSerde.of(PrefixRequest.class)),
                stores.keyValue(RESOLVED, Serdes.String(), JsonSerde.of(Resolution.class)));
    }

    @Override
    public Processor<String, ShaIndexInput, String, MinutesLinkEntry> get() {
        return new Processor<>() {
            private ProcessorContext<String, MinutesLinkEntry> context;
            private KeyValueStore<String, String> commits;
            private KeyValueStore<String, PrefixRequest> requests;
            private KeyValueStore<String, Resolution> resolved;

            @Override
            public void init(ProcessorContext<String, MinutesLinkEntry> context) {
                this.context = context;
                commits = context.getStateStore(COMMITS);
                requests = context.getStateStore(REQUESTS);
                resolved = context.getStateStore(RESOLVED);
            }

            @Override
            public void process(Record<String, ShaIndexInput> record) {
                String shard = record.key();
                ShaIndexInput input = record.value();
                if (input.commitKey() != null) {
                    DispatchCorrelator.put(commits, CompositeKey.of(shard, input.commitKey()),
                            input.present() ? input.commitKey() : null);
                    for (KeyValue<String, PrefixRequest> request : scan(requests, shard)) {
                        resolve(record, shard, CompositeKey.member(request.key, shard), request.value);
                    }
                } else {
                    DispatchCorrelator.put(requests, CompositeKey.of(shard, input.requestKey()), input.request());
                    resolve(record, shard, input.requestKey(), input.request());
                }
            }

            private void resolve(Record<String, ShaIndexInput> record, String shard, String requestKey,
                                 PrefixRequest request) {
                List<String> matches = request == null ? List.of() : scan(commits, shard).stream()
                        .map(commit -> commit.value)
                        .filter(commitKey -> Prefixes.matches(request, commitKey))
                        .sorted()
                        .toList();
                String key = CompositeKey.of(shard, requestKey);
                Resolution before = resolved.get(key);
                List<String> previous = before == null ? List.of() : before.matches();
                if (previous.equals(matches)) {
                    return;
                }
                previous.stream().filter(commitKey -> !matches.contains(commitKey)).forEach(commitKey ->
                        context.forward(record.withKey(commitKey).withValue(new MinutesLinkEntry(requestKey, null))));
                for (String commitKey : matches) {
                    MinutesLink link = new MinutesLink(request.decisionId(), request.entry(), matches.size());
                    context.forward(record.withKey(commitKey).withValue(new MinutesLinkEntry(requestKey, link)));
                }
                DispatchCorrelator.put(resolved, key, matches.isEmpty() ? null : new Resolution(matches));
            }
        };
    }
}
