package io.decisionlog.graph.topology;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the topology's stores, all of the configured kind (RocksDB or in-memory) and all changelogged so they
 * survive a move. None has Streams' record cache in front: in the benchmark it folded no changelog record (5.05-5.07
 * broker records per input record with or without it) and cost a tenth of the stream thread, 100-170 MiB of heap and
 * a slower commit (p99 run → chain 104-156 ms with it, 86-94 without; BENCHMARKS.md, issue #24).
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
}
