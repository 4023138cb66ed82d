package io.decisionlog.graph.topology;

import io.decisionlog.events.DecisionMinutes;
import io.decisionlog.events.JsonSerde;
import io.decisionlog.graph.topology.LinkState.MinutesChange;
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
 * This partition's copy of all minutes, by decision id: every partition receives every minutes record, because any
 * of its chains may name any decision, and minutes are few next to commits. Passes each change on as before and
 * after; an unchanged redelivery goes no further.
 */
final class MinutesCopy implements ProcessorSupplier<String, DecisionMinutes, String, MinutesChange> {
    static final String STORE = "decision-minutes";

    private final StoreFactory stores;

    MinutesCopy(StoreFactory stores) {
        this.stores = stores;
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(stores.keyValue(STORE, Serdes.String(), JsonSerde.of(DecisionMinutes.class)));
    }

    @Override
    public Processor<String, DecisionMinutes, String, MinutesChange> get() {
        return new Processor<>() {
            private ProcessorContext<String, MinutesChange> context;
            private KeyValueStore<String, DecisionMinutes> minutes;

            @Override
            public void init(ProcessorContext<String, MinutesChange> context) {
                this.context = context;
                minutes = context.getStateStore(STORE);
            }

            @Override
            public void process(Record<String, DecisionMinutes> record) {
                DecisionMinutes before = minutes.get(record.key());
                if (!Objects.equals(before, record.value())) {
                    StoreRows.put(minutes, record.key(), record.value());
                    context.forward(record.withValue(new MinutesChange(before, record.value())));
                }
            }
        };
    }
}
