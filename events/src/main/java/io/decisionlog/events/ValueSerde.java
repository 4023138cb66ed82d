package io.decisionlog.events;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.util.Map;

/**
 * How a topic's values are written and read, and their type: {@link JsonSerde} for the records of the contract,
 * {@link RawBytesSerde} for a topic that keeps bytes as they came. A null value is a tombstone both ways.
 */
public interface ValueSerde<V> extends Serde<V>, Serializer<V>, Deserializer<V> {

    Class<V> type();

    @Override
    default void configure(Map<String, ?> configs, boolean isKey) {
        // nothing to configure: the format and the type are fixed
    }

    @Override
    default void close() {
        // holds no resources
    }

    @Override
    default Serializer<V> serializer() {
        return this;
    }

    @Override
    default Deserializer<V> deserializer() {
        return this;
    }
}
