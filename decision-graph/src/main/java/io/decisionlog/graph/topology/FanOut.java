package io.decisionlog.graph.topology;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Re-keys a table's changes into one or more member entries under other keys, retracting what a previous value
 * produced and the new one no longer does. It keeps the last value per input key, because a tombstone carries no
 * value to say where its members were. Only changed members are forwarded, so a redelivery forwards nothing.
 *
 * @param <V> the input value
 * @param <P> a member's payload
 * @param <O> what is forwarded for a member: {@code envelope(target, payload)}, payload null for a retraction
 */
final class FanOut<V, P, O> implements ProcessorSupplier<String, V, String, O> {

    /** Where a member goes: the output key, and the member's identity under that key. */
    record Target(String key, String member) {
    }

    private final String storeName;
    private final Serde<V> valueSerde;
    private final StoreFactory stores;
    private final BiFunction<String, V, Map<Target, P>> targets;
    private final BiFunction<Target, P, O> envelope;

    FanOut(String storeName, Serde<V> valueSerde, StoreFactory stores,
           BiFunction<String, V, Map<Target, P>> targets, BiFunction<Target, P, O> envelope) {
        this.storeName = storeName;
        this.valueSerde = valueSerde;
        this.stores = stores;
        this.targets = targets;
        this.envelope = envelope;
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(stores.keyValue(storeName, Serdes.String(), valueSerde));
    }

    @Override
    public Processor<String, V, String, O> get() {
        return new Processor<>() {
            private ProcessorContext<String, O> context;
            private KeyValueStore<String, V> last;

            @Override
            public void init(ProcessorContext<String, O> context) {
                this.context = context;
                this.last = context.getStateStore(storeName);
            }

            @Override
            public void process(Record<String, V> record) {
                V previous = last.get(record.key());
                Map<Target, P> before = previous == null ? Map.of() : targets.apply(record.key(), previous);
                Map<Target, P> after = record.value() == null ? Map.of() : targets.apply(record.key(), record.value());
                before.keySet().stream()
                        .filter(target -> !after.containsKey(target))
                        .forEach(target -> forward(record, target, null));
                after.forEach((target, payload) -> {
                    if (!payload.equals(before.get(target))) {
                        forward(record, target, payload);
                    }
                });
                if (after.isEmpty()) {
                    if (previous != null) {
                        last.delete(record.key());
                    }
                } else if (!record.value().equals(previous)) {
                    last.put(record.key(), record.value());
                }
            }

            private void forward(Record<String, V> record, Target target, P payload) {
                context.forward(record.withKey(target.key()).withValue(envelope.apply(target, payload)));
            }
        };
    }
}
