package io.decisionlog.graph.topology;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.BuiltInDslStoreSuppliers;
import org.apache.kafka.streams.state.DslStoreSuppliers;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/** Builds the topology's stores of one kind (RocksDB or in-memory), all changelogged so they survive a move. */
final class Stores {
    private final GraphSettings.StoreKind type;
    private final DslStoreSuppliers dsl;

    Stores(GraphSettings.StoreKind type) {
        this.type = type;
        this.dsl = type == GraphSettings.StoreKind.IN_MEMORY
                ? new BuiltInDslStoreSuppliers.InMemoryDslStoreSuppliers()
                : new BuiltInDslStoreSuppliers.RocksDBDslStoreSuppliers();
    }

    <K, V> StoreBuilder<KeyValueStore<K, V>> keyValue(String name, Serde<K> keySerde, Serde<V> valueSerde) {
        KeyValueBytesStoreSupplier supplier = type == GraphSettings.StoreKind.IN_MEMORY
                ? org.apache.kafka.streams.state.Stores.inMemoryKeyValueStore(name)
                : org.apache.kafka.streams.state.Stores.persistentKeyValueStore(name);
        return org.apache.kafka.streams.state.Stores.keyValueStoreBuilder(supplier, keySerde, valueSerde);
    }

    <V> Materialized<String, V, KeyValueStore<Bytes, byte[]>> table(String name, Serde<String> keySerde, Serde<V> valueSerde) {
        return Materialized.<String, V, KeyValueStore<Bytes, byte[]>>as(name)
                .withStoreType(dsl)
                .withKeySerde(keySerde)
                .withValueSerde(valueSerde);
    }
}
