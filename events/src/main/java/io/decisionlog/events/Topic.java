package io.decisionlog.events;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * A topic of the contract: its name, serdes, partition count, whether it is log-compacted (state topics, latest
 * record per key wins) or a plain log, whether a plain log keeps its records forever (a trail nobody may lose)
 * rather than for the broker's retention, and which partition a record goes to ({@link Placement}: by its key unless
 * the topic says otherwise). Keys are always strings; see {@link Keys}.
 */
public record Topic<V>(String name, ValueSerde<V> valueSerde, int partitions, boolean compacted, boolean keptForever,
                       Placement<V> placement) {

    public Topic(String name, ValueSerde<V> valueSerde, int partitions, boolean compacted) {
        this(name, valueSerde, partitions, compacted, false);
    }

    public Topic(String name, ValueSerde<V> valueSerde, int partitions, boolean compacted, boolean keptForever) {
        this(name, valueSerde, partitions, compacted, keptForever, Placement.byKey());
    }

    /**
     * The record to send, on the partition its {@link #placement} gives (a record placed by its own key is left to the
     * producer's partitioner, which gives the same); a null value is a tombstone.
     */
    public ProducerRecord<String, byte[]> record(String key, V valueOrTombstone) {
        byte[] bytes = valueOrTombstone == null ? null : valueSerde.serialize(name, valueOrTombstone);
        String placedBy = placement.placedBy(key, valueOrTombstone);
        Integer partition = placedBy.equals(key) ? null : Placement.partitionOf(placedBy, partitions);
        return new ProducerRecord<>(name, partition, key, bytes);
    }

    public Serde<String> keySerde() {
        return Serdes.String();
    }

    public Class<V> valueType() {
        return valueSerde.type();
    }
}
