package io.decisionlog.graph.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;

/** What a native query's columns come back as, read into the types the code uses. */
final class SqlValues {
    private SqlValues() {
    }

    /** A timestamptz column: the driver gives an OffsetDateTime, a Timestamp or an Instant depending on the path. */
    static Instant instant(Object column) {
        if (column == null) {
            return null;
        }
        if (column instanceof OffsetDateTime time) {
            return time.toInstant();
        }
        return column instanceof Timestamp stamp ? stamp.toInstant() : (Instant) column;
    }
}
