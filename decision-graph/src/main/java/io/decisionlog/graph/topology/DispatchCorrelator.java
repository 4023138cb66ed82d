package io.decisionlog.graph.topology;

import io.decisionlog.events.CiDispatch;
import io.decisionlog.events.CiRun;
import io.decisionlog.events.JsonSerde;
import io.decisionlog.events.Topics;
import io.decisionlog.graph.topology.RunState.CorrelationInput;
import io.decisionlog.graph.topology.RunState.DispatchLink;
import io.decisionlog.graph.topology.RunState.DispatchLinkUpdate;
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

/**
 * Correlates dispatched runs with dispatches, keyed by correlation group ({@link DispatchRule#group}). Stores the
 * group's dispatches and runs under {@code group SEP key}, and the last link forwarded per run, so that a change
 * on either side re-links exactly the affected runs and forwards {@code (runKey, (group, link))} only when it
 * changed; {@code (runKey, (group, null))} when the run left the group. Each update says what its run is placed by,
 * so it reaches the partition that keeps the run.
 */
final class DispatchCorrelator implements ProcessorSupplier<String, CorrelationInput, String, DispatchLinkUpdate> {
    static final String DISPATCHES = "dispatch-correlation-dispatches";
    static final String RUNS = "dispatch-correlation-runs";
    static final String LINKS = "dispatch-correlation-links";

    private final DispatchRule rule;
    private final StoreFactory stores;

    DispatchCorrelator(DispatchRule rule, StoreFactory stores) {
        this.rule = rule;
        this.stores = stores;
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(stores.keyValue(DISPATCHES, Serdes.String(), JsonSerde.of(CiDispatch.class)),
                stores.keyValue(RUNS, Serdes.String(), JsonSerde.of(CiRun.class)),
                stores.keyValue(LINKS, Serdes.String(), JsonSerde.of(DispatchLink.class)));
    }

    @Override
    public Processor<String, CorrelationInput, String, DispatchLinkUpdate> get() {
        return new Correlating();
    }

    private final class Correlating implements Processor<String, CorrelationInput, String, DispatchLinkUpdate> {
        private ProcessorContext<String, DispatchLinkUpdate> context;
        private KeyValueStore<String, CiDispatch> dispatches;
        private KeyValueStore<String, CiRun> runs;
        private KeyValueStore<String, DispatchLink> links;

        @Override
        public void init(ProcessorContext<String, DispatchLinkUpdate> context) {
            this.context = context;
            dispatches = context.getStateStore(DISPATCHES);
            runs = context.getStateStore(RUNS);
            links = context.getStateStore(LINKS);
        }

        @Override
        public void process(Record<String, CorrelationInput> record) {
            record.value().applyTo(new Group(record));
        }

        /** One record's group: what a dispatch or a run arriving in it changes. */
        private final class Group implements CorrelationInput.Correlation {
            private final Record<String, CorrelationInput> record;
            private final String group;

            Group(Record<String, CorrelationInput> record) {
                this.record = record;
                this.group = record.key();
            }

            @Override
            public void dispatch(String dispatchKey, CiDispatch dispatch) {
                StoreRows.put(dispatches, CompositeKey.of(group, dispatchKey), dispatch);
                for (KeyValue<String, CiRun> run : StoreRows.group(runs, group)) {
                    relink(CompositeKey.member(run.key, group), run.value);
                }
            }

            @Override
            public void run(String runKey, CiRun run) {
                if (run == null) {
                    CiRun left = runs.delete(CompositeKey.of(group, runKey));
                    if (links.delete(CompositeKey.of(group, runKey)) != null) {
                        context.forward(record.withKey(runKey)
                                .withValue(new DispatchLinkUpdate(group, null, placedBy(runKey, left))));
                    }
                } else {
                    runs.put(CompositeKey.of(group, runKey), run);
                    relink(runKey, run);
                }
            }

            private void relink(String runKey, CiRun run) {
                List<KeyValue<String, CiDispatch>> candidates = StoreRows.group(dispatches, group).stream()
                        .filter(dispatch -> rule.matches(dispatch.value, run))
                        .toList();
                DispatchLink link = candidates.size() == 1 ? matched(candidates.get(0))
                        : new DispatchLink(candidates.size(), null, List.of());
                String key = CompositeKey.of(group, runKey);
                if (!link.equals(links.get(key))) {
                    links.put(key, link);
                    context.forward(record.withKey(runKey)
                            .withValue(new DispatchLinkUpdate(group, link, placedBy(runKey, run))));
                }
            }

            private DispatchLink matched(KeyValue<String, CiDispatch> candidate) {
                CiDispatch dispatch = candidate.value;
                return new DispatchLink(1, CompositeKey.member(candidate.key, group), rule.decisionIds(dispatch),
                        dispatch.sender(), dispatch.reason(), dispatch.inputs());
            }
        }
    }

    /** Where a run is kept: its commit's partition (its own key's when the run is no longer known here). */
    private static String placedBy(String runKey, CiRun run) {
        return Topics.CI_RUNS.placement().placedBy(runKey, run);
    }
}
