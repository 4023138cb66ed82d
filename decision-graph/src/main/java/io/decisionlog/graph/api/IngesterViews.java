package io.decisionlog.graph.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.List;

/** The parts of the ingesters' answers the pages show (they read more than this; unknown fields are ignored). */
public final class IngesterViews {
    private IngesterViews() {
    }

    /** A repository as the blame-ingester's {@code GET /api/v1/repos} lists it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RepoStatus(String repo, String url, String branch, String state, String tip, String mode, int filesDone,
                      int filesTotal, Double percent, Instant lastSyncAt, List<String> errors) {
    }

    /** A minutes source as the minutes-ingester's {@code GET /api/v1/sources/{source}} shows it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SourceStatus(String source, String url, String branch, String headCommit, Instant lastSync, String error,
                        int filesAccepted, int filesRejected, int decisionsPublished, List<String> acceptedFiles,
                        List<RejectedFile> rejectedFiles) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RejectedFile(String path, List<Problem> errors) {
    }

    public record Problem(String message, int line, int column) {
    }
}
