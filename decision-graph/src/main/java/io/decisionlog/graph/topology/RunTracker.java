package io.decisionlog.graph.topology;

import io.decisionlog.events.CiRun;
import io.decisionlog.events.CiRunOrder;
import io.decisionlog.events.JsonSerde;
import io.decisionlog.graph.topology.RunState.CorrelationInput;
import io.decisionlog.graph.topology.RunState.RunChange;
import io.decisionlog.graph.topology.RunState.RunOutput;
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
 * Keeps the newest status of each run by run key ({@link CiRunOrder}; a tombstone deletes). A redelivered or stale
 * status changes nothing and sends nothing; a change goes on as before and after (to {@link RunLinker}), and a
 * dispatched run to its correlation group, with a retraction from a group it left.
 */
final class RunTracker implements ProcessorSupplier<String, CiRun, String, RunOutput> {
    static final String STORE = "runs";

    private final StoreFactory stores;

    RunTracker(StoreFactory stores) {
        this.stores = stores;
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(stores.keyValue(STORE, Serdes.String(), JsonSerde.of(CiRun.class)));
    }

    @Override
    public Processor<String, CiRun, String, RunOutput> get() {
        return new Processor<>() {
            private ProcessorContext<String, RunOutput> context;
            private KeyValueStore<String, CiRun> runs;

            @Override
            public void init(ProcessorContext<String, RunOutput> context) {
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
                context.forward(record.withValue(new RunOutput(null, new RunChange(before, after))));
                String oldGroup = DispatchRule.isDispatched(before) ? DispatchRule.group(before) : null;
                String newGroup = DispatchRule.isDispatched(after) ? DispatchRule.group(after) : null;
                if (oldGroup != null && !oldGroup.equals(newGroup)) {
                    forward(record, oldGroup, CorrelationInput.run(record.key(), null));
                }
                if (newGroup != null) {
                    forward(record, newGroup, CorrelationInput.run(record.key(), after));
                }
            }

            private void forward(Record<String, CiRun> record, String group, CorrelationInput input) {
                context.forward(record.withKey(group).withValue(new RunOutput(input, null)));
            }
        };
    }
}
