package io.decisionlog.minutes.state;

import io.decisionlog.events.JsonSerde;
import io.decisionlog.events.Topic;

/**
 * The minutes-ingester's own compacted topics: what it must remember across restarts (DESIGN.md: ingesters keep
 * no database). Candidates for the shared registry in {@code events}; until then they live here.
 */
public final class StateTopics {
    public static final Topic<SourceRecord> SOURCES =
            new Topic<>("decisionlog.minutes.sources.v1", JsonSerde.of(SourceRecord.class), 1, true);
    public static final Topic<FileRecord> FILES =
            new Topic<>("decisionlog.minutes.files.v1", JsonSerde.of(FileRecord.class), 1, true);

    private StateTopics() {
    }
}
