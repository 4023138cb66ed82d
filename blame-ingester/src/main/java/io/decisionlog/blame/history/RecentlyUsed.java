package io.decisionlog.blame.history;

import org.eclipse.jgit.lib.ObjectId;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * What a walk derived from objects, the most recently used kept within a budget of bytes. A budget rather than a count:
 * the same count of versions is 5 MB on one repository and 20 on another, and a walk's heap is the service's.
 */
final class RecentlyUsed<V> {
    private final long budget;
    private final long largest;
    private final ToLongFunction<V> sizeOf;
    private final Map<ObjectId, V> values = new LinkedHashMap<>(256, 0.75f, true);
    private long used;

    /** @param largest the largest value kept: a larger one would push out everything else, and is not kept */
    RecentlyUsed(long budget, long largest, ToLongFunction<V> sizeOf) {
        this.budget = budget;
        this.largest = largest;
        this.sizeOf = sizeOf;
    }

    /** Null when not kept. */
    V get(ObjectId key) {
        return values.get(key);
    }

    /** No longer kept. */
    void remove(ObjectId key) {
        V removed = values.remove(key);
        if (removed != null) {
            used -= sizeOf.applyAsLong(removed);
        }
    }

    /** Kept unless larger than {@code largest}; the least recently used go first to make room. */
    void put(ObjectId key, V value) {
        long size = sizeOf.applyAsLong(value);
        if (size > largest) {
            return;
        }
        V replaced = values.put(key.copy(), value);
        used += size - (replaced == null ? 0 : sizeOf.applyAsLong(replaced));
        Iterator<V> eldest = values.values().iterator();
        while (used > budget) {
            used -= sizeOf.applyAsLong(eldest.next());
            eldest.remove();
        }
    }
}
