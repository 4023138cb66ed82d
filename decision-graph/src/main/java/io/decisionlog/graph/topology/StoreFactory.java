package io.decisionlog.graph.topology;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the topology's stores, all of the configured kind (RocksDB or in-memory) and all changelogged so they
 * survive a move.
 */
final class StoreFactory {
    private final GraphSettings.StoreKind type;

    StoreFactory(GraphSettings.StoreKind type) {
        this.type = type;
    }

    <K, V> StoreBuilder<KeyValueStore<K, V>> keyValue(String name, Serde<K> keySerde, Serde<V> valueSerde) {
        KeyValueBytesStoreSupplier supplier = type == GraphSettings.StoreKind.IN_MEMORY
                ? Stores.inMemoryKeyValueStore(name)
                : Stores.persistentKeyValueStore(name);
        return Stores.keyValueStoreBuilder(supplier, keySerde, valueSerde);
    }

    /**
     * A store for a row that several inputs of one commit interval update: the record cache keeps only the last
     * value per key, so the changelog gets one record per key and interval instead of one per update.
     */
    <K, V> StoreBuilder<KeyValueStore<K, V>> cached(String name, Serde<K> keySerde, Serde<V> valueSerde) {
        return keyValue(name, keySerde, valueSerde).withCachingEnabled();
    }
}
