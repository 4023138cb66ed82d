package io.decisionlog.events;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * A topic of the contract: its name, serdes, partition count, and whether it is log-compacted (state topics,
 * latest record per key wins) or a plain log. Keys are always strings; see {@link Keys}.
 */
public record Topic<V>(String name, ValueSerde<V> valueSerde, int partitions, boolean compacted) {

    public Serde<String> keySerde() {
        return Serdes.String();
    }

    public Class<V> valueType() {
        return valueSerde.type();
    }
}
