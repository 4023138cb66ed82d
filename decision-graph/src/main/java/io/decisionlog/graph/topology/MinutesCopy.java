package io.decisionlog.graph.topology;

import io.decisionlog.events.DecisionMinutes;
import io.decisionlog.events.JsonSerde;
import io.decisionlog.graph.topology.LinkState.MinutesChange;
import io.decisionlog.graph.topology.LinkState.MinutesInput;
import io.decisionlog.graph.topology.LinkState.MinutesRecord;
import io.decisionlog.graph.topology.LinkState.MinutesRejection;
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
 * of its chains may name any decision, and minutes are few next to commits. Beside it, why a decision's minutes file
 * was rejected, which reaches every partition the same way ({@link RejectedMinutesFiles}). Passes each change on as
 * before and after; an unchanged redelivery goes no further.
 */
final class MinutesCopy implements ProcessorSupplier<String, MinutesInput, String, MinutesChange> {
    static final String STORE = "decision-minutes";
    static final String REJECTIONS = "decision-minutes-rejections";

    private final StoreFactory stores;

    MinutesCopy(StoreFactory stores) {
        this.stores = stores;
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(stores.keyValue(STORE, Serdes.String(), JsonSerde.of(DecisionMinutes.class)),
                stores.keyValue(REJECTIONS, Serdes.String(), Serdes.String()));
    }

    @Override
    public Processor<String, MinutesInput, String, MinutesChange> get() {
        return new Processor<>() {
            private ProcessorContext<String, MinutesChange> context;
            private KeyValueStore<String, DecisionMinutes> minutes;
            private KeyValueStore<String, String> rejections;

            @Override
            public void init(ProcessorContext<String, MinutesChange> context) {
                this.context = context;
                minutes = context.getStateStore(STORE);
                rejections = context.getStateStore(REJECTIONS);
            }

            @Override
            public void process(Record<String, MinutesInput> record) {
                if (record.value() instanceof MinutesRecord given) {
                    minutes(record, given.minutes());
                } else if (record.value() instanceof MinutesRejection rejection) {
                    rejection(record, rejection.reason());
                }
            }

            private void minutes(Record<String, MinutesInput> record, DecisionMinutes after) {
                DecisionMinutes before = minutes.get(record.key());
                if (!Objects.equals(before, after)) {
                    StoreRows.put(minutes, record.key(), after);
                    String rejected = rejections.get(record.key());
                    context.forward(record.withValue(new MinutesChange(before, after, rejected, rejected)));
                }
            }

            private void rejection(Record<String, MinutesInput> record, String after) {
                String before = rejections.get(record.key());
                if (!Objects.equals(before, after)) {
                    StoreRows.put(rejections, record.key(), after);
                    DecisionMinutes current = minutes.get(record.key());
                    context.forward(record.withValue(new MinutesChange(current, current, before, after)));
                }
            }
        };
    }
}
