package io.decisionlog.graph.topology;

import io.decisionlog.events.JsonSerde;
import io.decisionlog.graph.topology.LinkState.MinutesLink;
import io.decisionlog.graph.topology.LinkState.MinutesLinkEntry;
import io.decisionlog.graph.topology.LinkState.PrefixMatches;
import io.decisionlog.graph.topology.LinkState.PrefixState;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

import java.util.List;
import java.util.Set;

/**
 * Decides, per minutes entry (keyed {@code decision SEP entry}), which commits its short sha expands to: the union
 * of what each partition's {@link PrefixMatcher} matched among its own commits (kept here per partition). Only when
 * the union changed, forwards to every commit in it, keyed by commit, the entry with the number of commits it
 * matches (one is a link, more is ambiguous and links nothing), and a retraction to each commit it no longer
 * matches. A prefix that matches nothing forwards no link, only those retractions: there is no chain to say so in.
 */
final class PrefixCounter implements ProcessorSupplier<String, PrefixMatches, String, MinutesLinkEntry> {
    static final String STORE = "prefix-matches";

    private final StoreFactory stores;

    PrefixCounter(StoreFactory stores) {
        this.stores = stores;
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(stores.keyValue(STORE, Serdes.String(), JsonSerde.of(PrefixState.class)));
    }

    @Override
    public Processor<String, PrefixMatches, String, MinutesLinkEntry> get() {
        return new Processor<>() {
            private ProcessorContext<String, MinutesLinkEntry> context;
            private KeyValueStore<String, PrefixState> states;

            @Override
            public void init(ProcessorContext<String, MinutesLinkEntry> context) {
                this.context = context;
                states = context.getStateStore(STORE);
            }

            @Override
            public void process(Record<String, PrefixMatches> record) {
                String requestKey = record.key();
                PrefixMatches update = record.value();
                PrefixState before = states.get(requestKey);
                PrefixState after = (before == null ? new PrefixState(update.request(), null) : before).apply(update);
                StoreRows.put(states, requestKey, after);
                List<String> was = before == null ? List.of() : before.matches();
                List<String> is = after == null ? List.of() : after.matches();
                if (was.equals(is)) {
                    return;
                }
                was.stream().filter(commitKey -> !is.contains(commitKey)).forEach(commitKey ->
                        context.forward(record.withKey(commitKey).withValue(new MinutesLinkEntry(requestKey, null))));
                MinutesLink link = new MinutesLink(update.request().decisionId(), update.request().entry(), is.size());
                is.forEach(commitKey ->
                        context.forward(record.withKey(commitKey).withValue(new MinutesLinkEntry(requestKey, link))));
            }
        };
    }
}
