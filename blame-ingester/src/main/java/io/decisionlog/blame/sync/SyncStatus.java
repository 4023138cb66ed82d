package io.decisionlog.blame.sync;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.decisionlog.blame.history.Skipped;
import io.decisionlog.events.GateRules;

import java.time.Instant;
import java.util.List;

/**
 * What a repository's status endpoint shows: where its sync is, what it skipped and why, what went wrong, and the
 * gate's rules its registration sets for changes without a {@code .decisionlog.yaml} (absent: none), and whether its
 * chains want a steward's sign-off (absent: no).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SyncStatus(
        String repo,
        String url,
        String branch,
        String state,
        String tip,
        String mode,
        int filesDone,
        int filesTotal,
        Double percent,
        Instant lastSyncAt,
        Long lastSyncMillis,
        Integer recordsPublished,
        List<Skipped> skipped,
        List<String> errors,
        GateRules gate,
        Boolean requireSignoff) {
}
