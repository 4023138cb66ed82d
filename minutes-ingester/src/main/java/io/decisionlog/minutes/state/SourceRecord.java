package io.decisionlog.minutes.state;

import io.decisionlog.events.WireFormat;

import java.time.Instant;
import java.util.List;

/**
 * A registered minutes source and the last commit whose files are all published ({@link StateTopics#SOURCES},
 * keyed by source id). {@code commit} is null until the first sync completes, and again after the registration
 * changed (the next sync then compares every file by blob id).
 */
@WireFormat
public record SourceRecord(String source, String url, String branch, List<String> include, String commit,
                           Instant syncedAt) {

    public SourceRecord {
        include = include == null ? List.of() : List.copyOf(include);
    }
}
