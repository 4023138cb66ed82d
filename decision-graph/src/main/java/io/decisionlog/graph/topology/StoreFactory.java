package io.decisionlog.graph.topology;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the topology's stores, all of the configured kind (RocksDB or in-memory) and changelogged so they survive a
 * move, except an index that its processor rebuilds from another store ({@link #index}). None has Streams' record
 * cache in front: in the benchmark it folded no changelog record (5.05-5.07 broker records per input record with or
 * without it) and cost a tenth of the stream thread, 100-170 MiB of heap and a slower commit (p99 run → chain
 * 104-156 ms with it, 86-94 without; BENCHMARKS.md, issue #24).
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
     * A store that only indexes another store of the same task: in memory and not changelogged, whatever the
     * configured kind, so it costs the broker nothing. It starts empty whenever its task starts (after the stores it
     * indexes are restored, before the first record), and the processor that owns it rebuilds it there.
     */
    <K, V> StoreBuilder<KeyValueStore<K, V>> index(String name, Serde<K> keySerde, Serde<V> valueSerde) {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), keySerde, valueSerde)
                .withLoggingDisabled();
    }
}
