package io.decisionlog.graph.topology;

import io.decisionlog.events.CiRun;
import io.decisionlog.events.JsonSerde;
import io.decisionlog.graph.topology.RunState.DispatchLinks;
import io.decisionlog.graph.topology.RunState.RunEntry;
import io.decisionlog.graph.topology.RunState.RunFacts;
import io.decisionlog.graph.topology.RunState.RunLinkInput;
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
 * run no longer names. Reads the newest statuses from {@link RunTracker}'s store, in the same task.
 */
final class RunLinker implements ProcessorSupplier<String, RunLinkInput, String, RunEntry> {
    static final String STORE = "dispatch-links";

    private final StoreFactory stores;

    RunLinker(StoreFactory stores) {
        this.stores = stores;
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(stores.keyValue(STORE, Serdes.String(), JsonSerde.of(DispatchLinks.class)));
    }

    @Override
    public Processor<String, RunLinkInput, String, RunEntry> get() {
        return new Processor<>() {
            private ProcessorContext<String, RunEntry> context;
            private KeyValueStore<String, CiRun> runs;
            private KeyValueStore<String, DispatchLinks> links;

            @Override
            public void init(ProcessorContext<String, RunEntry> context) {
                this.context = context;
                runs = context.getStateStore(RunTracker.STORE);
                links = context.getStateStore(STORE);
            }

            @Override
            public void process(Record<String, RunLinkInput> record) {
                RunLinkInput input = record.value();
                if (input.change() != null) {
                    DispatchLinks current = links.get(record.key());
                    send(record, facts(input.change().before(), current), facts(input.change().after(), current));
                } else {
                    DispatchLinks before = links.get(record.key());
                    DispatchLinks after = DispatchLinks.apply(before, input.dispatch());
                    StoreRows.put(links, record.key(), after);
                    CiRun run = runs.get(record.key());
                    send(record, facts(run, before), facts(run, after));
                }
            }

            private void send(Record<String, RunLinkInput> record, RunFacts was, RunFacts is) {
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
        };
    }

    /** The run with the dispatch link of its current group; null when it names no commit to belong to. */
    private static RunFacts facts(CiRun run, DispatchLinks links) {
        if (run == null || run.repo() == null || run.headSha() == null) {
            return null;
        }
        return new RunFacts(run, links == null ? null : links.byGroup().get(DispatchRule.group(run)));
    }
}
