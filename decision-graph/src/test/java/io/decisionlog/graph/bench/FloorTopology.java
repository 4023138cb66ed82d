package io.decisionlog.graph.bench;

import io.decisionlog.events.JsonSerde;
import io.decisionlog.events.Topic;
import io.decisionlog.events.Topics;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import java.util.List;
import java.util.Set;

/**
 * The least any topology that joins these inputs does per input record: read it (JSON), keep it in a changelogged
 * store (a join has to remember each side until the other arrives) and write one record out. No re-keying, no
 * second stage. What it reaches on a broker, with the benchmark's settings, is a ceiling for the real topology
 * on the same machine ({@code GraphBenchmark topology=floor}).
 */
final class FloorTopology {
    /** Where the floor writes every record it keeps; values of every input type, so no one type's serde. */
    static final Topic<Object> OUTPUT = new Topic<>("decisionlog.bench.floor", JsonSerde.of(Object.class),
            Topics.PARTITIONS, false);
    static final List<Topic<?>> INPUTS = List.of(Topics.COMMITS, Topics.CI_RUNS, Topics.CI_DISPATCHES, Topics.MINUTES);

    private FloorTopology() {
    }

    static Topology build(boolean inMemory) {
        StreamsBuilder builder = new StreamsBuilder();
        for (Topic<?> topic : INPUTS) {
            keepAndForward(builder, topic, inMemory);
        }
        return builder.build();
    }

    private static <V> void keepAndForward(StreamsBuilder builder, Topic<V> topic, boolean inMemory) {
        String store = "floor-" + topic.name();
        KeyValueBytesStoreSupplier supplier = inMemory ? Stores.inMemoryKeyValueStore(store)
                : Stores.persistentKeyValueStore(store);
        StoreBuilder<KeyValueStore<String, V>> stored = Stores.keyValueStoreBuilder(supplier, Serdes.String(),
                topic.valueSerde());
        Serde<V> values = topic.valueSerde();
        builder.stream(topic.name(), Consumed.with(Serdes.String(), values).withName("in-" + topic.name()))
                .process(new Keep<>(stored), Named.as("keep-" + topic.name()))
                .to(OUTPUT.name(), Produced.with(Serdes.String(), values).withName("out-" + topic.name()));
    }

    /** Puts each record into its store and passes it on. */
    private record Keep<V>(StoreBuilder<KeyValueStore<String, V>> builder)
            implements ProcessorSupplier<String, V, String, V> {
        @Override
        public Set<StoreBuilder<?>> stores() {
            return Set.of(builder);
        }

        @Override
        public Processor<String, V, String, V> get() {
            return new Processor<>() {
                private ProcessorContext<String, V> context;
                private KeyValueStore<String, V> values;

                @Override
                public void init(ProcessorContext<String, V> context) {
                    this.context = context;
                    values = context.getStateStore(builder.name());
                }

                @Override
                public void process(Record<String, V> record) {
                    values.put(record.key(), record.value());
                    context.forward(record);
                }
            };
        }
    }
}
