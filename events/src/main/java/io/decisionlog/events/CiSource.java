package io.decisionlog.events;

import java.time.Duration;
import java.time.Instant;

/**
 * A CI system the ci-audit-ingester pulls runs from, besides its webhooks ({@link Topics#CI_SOURCES}), with how far
 * the pull has got. The credentials are only named ({@code credentialsRef}): the token itself stays in the
 * service's configuration and never reaches a record.
 *
 * @param apiUrl       GitHub: the API base ({@code https://api.github.com}, or GitHub Enterprise's {@code …/api/v3});
 *                     GitLab: the API base ({@code https://gitlab.com/api/v4}); Jenkins: the job's URL
 * @param project      GitLab's project id or path, Jenkins' job path; GitHub: the repository as owner/name
 * @param backfillFrom where the first pull started (now minus the backfill days), fixed at registration
 * @param pulledUntil  every run created (GitHub, Jenkins) or updated (GitLab) before this has been read: where the
 *                     next pass goes on from, so a restart in the middle of a backfill resumes there
 */
@WireFormat
public record CiSource(
        String id,
        String provider,
        String repo,
        String apiUrl,
        String project,
        String credentialsRef,
        Duration interval,
        Duration lookback,
        Instant backfillFrom,
        Instant pulledUntil,
        Instant lastPullAt,
        String lastError,
        long runsSeen) {

    public CiSource withProgress(Instant pulledUntil, Instant lastPullAt, String lastError, long runsSeen) {
        return new CiSource(id, provider, repo, apiUrl, project, credentialsRef, interval, lookback, backfillFrom,
                pulledUntil, lastPullAt, lastError, runsSeen);
    }

    /** The same source as registered again: the new settings, the progress so far when the API is the same. */
    public boolean sameApi(CiSource other) {
        return provider.equals(other.provider) && apiUrl.equals(other.apiUrl) && project.equals(other.project);
    }
}
