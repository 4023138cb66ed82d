package io.decisionlog.events;

import java.util.List;
import java.util.Map;

/** Absent collections read as empty ones, so that records written before a field existed still read. */
final class Nulls {
    private Nulls() {
    }

    static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : List.copyOf(values);
    }

    static <K, V> Map<K, V> map(Map<K, V> values) {
        return values == null ? Map.of() : Map.copyOf(values);
    }
}
