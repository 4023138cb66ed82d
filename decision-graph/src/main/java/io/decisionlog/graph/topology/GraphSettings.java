package io.decisionlog.graph.topology;

import io.decisionlog.events.DecisionIds;

import java.time.Duration;
import java.util.Objects;

/**
 * Everything the topology needs to know, as plain values: no CDI, no I/O.
 *
 * @param decisionIdPattern what counts as a decision id ({@code decisionlog.decision-id.pattern})
 * @param dispatchWindow    how long after a {@code workflow_dispatch} delivery the run it caused may start
 * @param storeType         RocksDB in production; in-memory for tests and benchmarks that want no disk
 */
public record GraphSettings(String decisionIdPattern, Duration dispatchWindow, StoreKind storeType) {
    /** Where the topology keeps its state; either way every store has a changelog topic. */
    public enum StoreKind { ROCKS_DB, IN_MEMORY }

    public static final Duration DEFAULT_DISPATCH_WINDOW = Duration.ofMinutes(2);

    public GraphSettings {
        Objects.requireNonNull(decisionIdPattern, "decisionIdPattern");
        Objects.requireNonNull(dispatchWindow, "dispatchWindow");
        Objects.requireNonNull(storeType, "storeType");
        if (dispatchWindow.isNegative()) {
            throw new IllegalArgumentException("dispatchWindow must not be negative: " + dispatchWindow);
        }
    }

    public static GraphSettings defaults() {
        return new GraphSettings(DecisionIds.DEFAULT_PATTERN, DEFAULT_DISPATCH_WINDOW, StoreKind.ROCKS_DB);
    }

    public GraphSettings withStoreType(StoreKind type) {
        return new GraphSettings(decisionIdPattern, dispatchWindow, type);
    }

    public DecisionIds decisionIds() {
        return new DecisionIds(decisionIdPattern);
    }
}
