package io.decisionlog.minutes.api;

import io.decisionlog.events.MinutesError;
import io.decisionlog.events.WireFormat;
import io.decisionlog.events.MinutesFileState;
import io.decisionlog.minutes.sync.Registration;
import io.decisionlog.minutes.sync.SourceState;
import io.decisionlog.minutes.sync.SyncReport;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/sources/{source}}: where the source stands, with every error of every rejected file and the
 * accepted files' paths (the first {@value #ACCEPTED_LISTED} by path; {@code filesAccepted} counts them all).
 */
@WireFormat
public record SourceStatus(String source, String url, String branch, List<String> include, String headCommit,
                           Instant lastSync, Instant lastAttempt, String error, int filesAccepted, int filesRejected,
                           int decisionsPublished, List<String> acceptedFiles, List<RejectedFile> rejectedFiles,
                           SyncReport lastReport) {
    static final int ACCEPTED_LISTED = 500;

    @WireFormat
    public record RejectedFile(String path, List<MinutesError> errors) {
    }

    static SourceStatus of(SourceState state) {
        Registration registration = state.registration();
        Map<String, MinutesFileState> files = state.files();
        List<RejectedFile> rejected = files.values().stream().filter(MinutesFileState::rejected)
                .map(file -> new RejectedFile(file.path(), file.errors())).toList();
        List<String> accepted = files.values().stream().filter(file -> !file.rejected()).map(MinutesFileState::path)
                .sorted().limit(ACCEPTED_LISTED).toList();
        return new SourceStatus(registration.source(), registration.url(), registration.branch(),
                registration.include(), state.commit(), state.syncedAt(), state.lastAttempt(), state.lastError(),
                files.size() - rejected.size(), rejected.size(), state.owners().size(), accepted, rejected,
                state.lastReport());
    }
}
