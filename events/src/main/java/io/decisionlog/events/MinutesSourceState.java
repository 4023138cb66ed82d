package io.decisionlog.events;

import java.time.Instant;
import java.util.List;

/**
 * A minutes source registered with the minutes-ingester and the last commit whose files are all published
 * ({@link Topics#MINUTES_SOURCES}, keyed by source id). {@code commit} is null until the first sync completes, and
 * again after the registration changed (the next sync then compares every file by blob id).
 */
@WireFormat
public record MinutesSourceState(String source, String url, String branch, List<String> include, String commit,
                                 Instant syncedAt) {

    public MinutesSourceState {
        include = include == null ? List.of() : List.copyOf(include);
    }
}
