package io.decisionlog.graph.topology;

import io.decisionlog.events.CiRun;
import io.decisionlog.events.JsonSerde;
import io.decisionlog.graph.topology.RunState.DispatchLinkUpdate;
import io.decisionlog.graph.topology.RunState.DispatchLinks;
import io.decisionlog.graph.topology.RunState.RunChange;
import io.decisionlog.graph.topology.RunState.RunEntry;
import io.decisionlog.graph.topology.RunState.RunFacts;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

import java.util.Objects;
import java.util.Set;

/**
 * Puts a run together with its dispatch link (kept here by run key, as the correlator sends them) and sends the
 * run's facts to the commit it ran on, keyed by commit: only when they changed, with a retraction from a commit the
 * run no longer names. Its two inputs, both by run key, are two processors of one task that share the links:
 * {@link #ofRunChanges} (from {@link RunTracker}; supplies the store, so it goes into the topology first) and
 * {@link #ofDispatchLinks} (from the correlator; reads the newest statuses from {@link RunTracker}'s store).
 */
final class RunLinker {
    static final String STORE = "dispatch-links";

    private final StoreFactory stores;

    RunLinker(StoreFactory stores) {
        this.stores = stores;
    }

    /** A run's status changed: its facts, before and after, with the dispatch link it has. */
    ProcessorSupplier<String, RunChange, String, RunEntry> ofRunChanges() {
        return new ProcessorSupplier<>() {
            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(stores.keyValue(STORE, Serdes.String(), JsonSerde.of(DispatchLinks.class)));
            }

            @Override
            public Processor<String, RunChange, String, RunEntry> get() {
                return new Linking<>() {
                    @Override
                    public void process(Record<String, RunChange> record) {
                        DispatchLinks current = links.get(record.key());
                        send(record, facts(record.value().before(), current), facts(record.value().after(), current));
                    }
                };
            }
        };
    }

    /** The correlator linked a run in a group, or retracted it: its newest status, before and after. */
    ProcessorSupplier<String, DispatchLinkUpdate, String, RunEntry> ofDispatchLinks() {
        return () -> new Linking<>() {
            private KeyValueStore<String, CiRun> runs;

            @Override
            public void init(ProcessorContext<String, RunEntry> context) {
                super.init(context);
                runs = context.getStateStore(RunTracker.STORE);
            }

            @Override
            public void process(Record<String, DispatchLinkUpdate> record) {
                DispatchLinks before = links.get(record.key());
                DispatchLinks after = DispatchLinks.apply(before, record.value());
                StoreRows.put(links, record.key(), after);
                CiRun run = runs.get(record.key());
                send(record, facts(run, before), facts(run, after));
            }
        };
    }

    /** What both inputs share: the links, and sending a run's facts to its commit. */
    private abstract static class Linking<V> implements Processor<String, V, String, RunEntry> {
        private ProcessorContext<String, RunEntry> context;
        KeyValueStore<String, DispatchLinks> links;

        @Override
        public void init(ProcessorContext<String, RunEntry> context) {
            this.context = context;
            links = context.getStateStore(STORE);
        }

        void send(Record<String, V> record, RunFacts was, RunFacts is) {
            if (Objects.equals(was, is)) {
                return;
            }
            if (was != null && (is == null || !was.run().commitKey().equals(is.run().commitKey()))) {
                context.forward(record.withKey(was.run().commitKey()).withValue(new RunEntry(record.key(), null)));
            }
            if (is != null) {
                context.forward(record.withKey(is.run().commitKey()).withValue(new RunEntry(record.key(), is)));
            }
        }
    }

    /** The run with the dispatch link of its current group; null when it names no commit to belong to. */
    private static RunFacts facts(CiRun run, DispatchLinks links) {
        if (run == null || run.repo() == null || run.headSha() == null) {
            return null;
        }
        return new RunFacts(run, links == null ? null : links.byGroup().get(DispatchRule.group(run)));
    }
}
