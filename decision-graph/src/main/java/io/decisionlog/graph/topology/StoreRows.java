package io.decisionlog.graph.topology;

import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.ArrayList;
import java.util.List;

/** What the processors do with their String-keyed stores besides get: put-or-delete, and prefix scans. */
final class StoreRows {
    private StoreRows() {
    }

    /** Puts the value, or deletes the row when it is null. */
    static <V> void put(KeyValueStore<String, V> store, String key, V value) {
        if (value == null) {
            store.delete(key);
        } else {
            store.put(key, value);
        }
    }

    /** The members of a group: the entries under {@code group SEP}. */
    static <V> List<KeyValue<String, V>> group(KeyValueStore<String, V> store, String group) {
        return startingWith(store, CompositeKey.prefix(group));
    }

    /** Every row whose key starts with {@code prefix}, read out so that the caller may write while it goes. */
    static <V> List<KeyValue<String, V>> startingWith(KeyValueStore<String, V> store, String prefix) {
        List<KeyValue<String, V>> entries = new ArrayList<>();
        try (KeyValueIterator<String, V> iterator = store.prefixScan(prefix, new StringSerializer())) {
            iterator.forEachRemaining(entries::add);
        }
        return entries;
    }
}
