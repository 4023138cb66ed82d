package io.decisionlog.graph.store;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A map bounded in bytes whose least recently read entries go first, as CLOCK approximates it: a read only sets its
 * entry's flag, and eviction passes over flagged entries once, clearing the flag. Reads write no reference: an LRU
 * list relinked on every read dirties the old generation's cards across the heap, which every young collection
 * then scans (bench/store.sh, median young pause at 2,000 and 4,000 traces/s: 5.9 ms with Caffeine's LRU, 3.3-4.3
 * without trace memory, 3.4-4.0 with this). Reads are lock-free; writes are the caller's to serialize.
 */
final class ClockMap<K, V extends ClockMap.Weighed> {
    private final Map<K, Slot<K, V>> slots = new ConcurrentHashMap<>();
    // every slot put, in the order the hand meets them; a slot replaced or removed since is passed over
    private final ArrayDeque<Slot<K, V>> hand = new ArrayDeque<>();
    private final long maxBytes;
    private volatile long bytes;
    final LongAdder hits = new LongAdder();
    final LongAdder misses = new LongAdder();
    final LongAdder evictions = new LongAdder();

    /** An entry's size in bytes, about: what the bound counts. */
    interface Weighed {
        int weight();
    }

    private static final class Slot<K, V> {
        final K key;
        final V value;
        final int weight;
        volatile boolean read;

        Slot(K key, V value, int weight) {
            this.key = key;
            this.value = value;
            this.weight = weight;
        }
    }

    ClockMap(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    V get(K key) {
        Slot<K, V> slot = slots.get(key);
        if (slot == null) {
            misses.increment();
            return null;
        }
        hits.increment();
        if (!slot.read) {
            slot.read = true;
        }
        return slot.value;
    }

    /** Not thread-safe with itself, {@link #remove} or {@link #clear}. */
    void put(K key, V value, int keyBytes) {
        Slot<K, V> slot = new Slot<>(key, value, keyBytes + value.weight());
        if (slot.weight > maxBytes) {
            return;
        }
        Slot<K, V> old = slots.put(key, slot);
        bytes += slot.weight - (old == null ? 0 : old.weight);
        hand.addLast(slot);
        while (bytes > maxBytes && !hand.isEmpty()) {
            evictOne();
        }
        if (hand.size() > 2 * slots.size() + 1024) {
            // slots replaced or removed since they were put: without this, churn below the bound would keep them
            hand.removeIf(passed -> slots.get(passed.key) != passed);
        }
    }

    void remove(K key) {
        Slot<K, V> old = slots.remove(key);
        if (old != null) {
            bytes -= old.weight;
        }
    }

    void clear() {
        slots.clear();
        hand.clear();
        bytes = 0;
    }

    long bytes() {
        return bytes;
    }

    int size() {
        return slots.size();
    }

    int handSize() {
        return hand.size();
    }

    private void evictOne() {
        Slot<K, V> slot = hand.pollFirst();
        if (slot == null || slots.get(slot.key) != slot) {
            return;
        }
        if (slot.read) {
            slot.read = false;
            hand.addLast(slot);
            return;
        }
        slots.remove(slot.key);
        bytes -= slot.weight;
        evictions.increment();
    }
}
