package io.decisionlog.events;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * A topic of the contract: its name, serdes, partition count, whether it is log-compacted (state topics, latest
 * record per key wins) or a plain log, and whether a plain log keeps its records forever (a trail nobody may lose)
 * rather than for the broker's retention. Keys are always strings; see {@link Keys}.
 */
public record Topic<V>(String name, ValueSerde<V> valueSerde, int partitions, boolean compacted, boolean keptForever) {

    public Topic(String name, ValueSerde<V> valueSerde, int partitions, boolean compacted) {
        this(name, valueSerde, partitions, compacted, false);
    }

    public Serde<String> keySerde() {
        return Serdes.String();
    }

    public Class<V> valueType() {
        return valueSerde.type();
    }
}
