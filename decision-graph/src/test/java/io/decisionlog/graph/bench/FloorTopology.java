package io.decisionlog.graph.bench;

import io.decisionlog.events.CiRun;
import io.decisionlog.events.JsonSerde;
import io.decisionlog.events.Topic;
import io.decisionlog.events.Topics;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
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
 * <p>
 * {@code topology=join-floor} adds the one hop no topology that joins runs to their commits can avoid under the
 * contract's keys: ci.runs is keyed by run, so a run is kept by its run key (its newest status), re-keyed by commit
 * through a repartition topic, and kept again where its commit is, before its one record goes out.
 */
final class FloorTopology {
    /** Where the floor writes every record it keeps; values of every input type, so no one type's serde. */
    static final Topic<Object> OUTPUT = new Topic<>("decisionlog.bench.floor", JsonSerde.of(Object.class),
            Topics.PARTITIONS, false);
    static final List<Topic<?>> INPUTS = List.of(Topics.COMMITS, Topics.CI_RUNS, Topics.CI_DISPATCHES, Topics.MINUTES);

    private FloorTopology() {
    }

    /** {@code runsByCommit}: the join floor, runs re-keyed by commit between two stores. */
    static Topology build(boolean inMemory, boolean runsByCommit) {
        StreamsBuilder builder = new StreamsBuilder();
        for (Topic<?> topic : INPUTS) {
            if (runsByCommit && topic == Topics.CI_RUNS) {
                write(keepByCommit(read(builder, Topics.CI_RUNS, inMemory), inMemory), Topics.CI_RUNS);
            } else {
                keepAndForward(builder, topic, inMemory);
            }
        }
        return builder.build();
    }

    private static <V> void keepAndForward(StreamsBuilder builder, Topic<V> topic, boolean inMemory) {
        write(read(builder, topic, inMemory), topic);
    }

    private static <V> KStream<String, V> read(StreamsBuilder builder, Topic<V> topic, boolean inMemory) {
        return builder.stream(topic.name(), Consumed.with(Serdes.String(), topic.valueSerde()).withName("in-" + topic.name()))
                .process(new Keep<>(store("floor-" + topic.name(), topic.valueSerde(), inMemory)),
                        Named.as("keep-" + topic.name()));
    }

    private static KStream<String, CiRun> keepByCommit(KStream<String, CiRun> runs, boolean inMemory) {
        Serde<CiRun> values = Topics.CI_RUNS.valueSerde();
        return runs.selectKey((runKey, run) -> run == null ? runKey : run.commitKey(), Named.as("runs-by-commit-key"))
                .repartition(Repartitioned.with(Serdes.String(), values).withName("floor-runs-by-commit"))
                .process(new Keep<>(store("floor-runs-by-commit", values, inMemory)), Named.as("keep-by-commit"));
    }

    private static <V> void write(KStream<String, V> kept, Topic<V> topic) {
        kept.to(OUTPUT.name(), Produced.with(Serdes.String(), topic.valueSerde()).withName("out-" + topic.name()));
    }

    private static <V> StoreBuilder<KeyValueStore<String, V>> store(String name, Serde<V> values, boolean inMemory) {
        KeyValueBytesStoreSupplier supplier = inMemory ? Stores.inMemoryKeyValueStore(name)
                : Stores.persistentKeyValueStore(name);
        return Stores.keyValueStoreBuilder(supplier, Serdes.String(), values);
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
