package io.decisionlog.graph.topology;

import io.decisionlog.events.CiRun;
import io.decisionlog.events.CiRunOrder;
import io.decisionlog.events.JsonSerde;
import io.decisionlog.graph.topology.RunState.CorrelationInput;
import io.decisionlog.graph.topology.RunState.RunChange;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Keeps the newest status of each run by run key ({@link CiRunOrder}; a tombstone deletes). A redelivered or stale
 * status changes nothing and sends nothing; a change goes on as before and after, by run key (to {@link RunLinker},
 * and through {@link #toCorrelationGroups} to the dispatch correlator).
 */
final class RunTracker implements ProcessorSupplier<String, CiRun, String, RunChange> {
    static final String STORE = "runs";

    private final StoreFactory stores;

    RunTracker(StoreFactory stores) {
        this.stores = stores;
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(stores.keyValue(STORE, Serdes.String(), JsonSerde.of(CiRun.class)));
    }

    /**
     * A run's change as inputs of the correlation groups, keyed by group: a dispatched run to its group, with a
     * retraction from a group it left; nothing for other runs.
     */
    static List<KeyValue<String, CorrelationInput>> toCorrelationGroups(String runKey, RunChange change) {
        List<KeyValue<String, CorrelationInput>> inputs = new ArrayList<>(2);
        String oldGroup = DispatchRule.isDispatched(change.before()) ? DispatchRule.group(change.before()) : null;
        String newGroup = DispatchRule.isDispatched(change.after()) ? DispatchRule.group(change.after()) : null;
        if (oldGroup != null && !oldGroup.equals(newGroup)) {
            inputs.add(KeyValue.pair(oldGroup, new CorrelationInput.Run(runKey, null)));
        }
        if (newGroup != null) {
            inputs.add(KeyValue.pair(newGroup, new CorrelationInput.Run(runKey, change.after())));
        }
        return inputs;
    }

    @Override
    public Processor<String, CiRun, String, RunChange> get() {
        return new Processor<>() {
            private ProcessorContext<String, RunChange> context;
            private KeyValueStore<String, CiRun> runs;

            @Override
            public void init(ProcessorContext<String, RunChange> context) {
                this.context = context;
                runs = context.getStateStore(STORE);
            }

            @Override
            public void process(Record<String, CiRun> record) {
                CiRun before = runs.get(record.key());
                CiRun after = record.value() == null ? null
                        : CiRunOrder.supersedes(record.value(), before) ? record.value() : before;
                if (Objects.equals(before, after)) {
                    return;
                }
                StoreRows.put(runs, record.key(), after);
                context.forward(record.withValue(new RunChange(before, after)));
            }
        };
    }
}
