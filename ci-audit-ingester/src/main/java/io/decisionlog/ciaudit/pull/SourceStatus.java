package io.decisionlog.ciaudit.pull;

import io.decisionlog.events.CiSource;
import io.decisionlog.events.WireFormat;

import java.time.Duration;
import java.time.Instant;

/**
 * A CI source as {@code GET /api/v1/ci-sources} shows it: its registration (the credentials by reference only), how
 * far the backfill has got, the last pass and what it met, and the API requests spent (304s among them).
 */
@WireFormat
public record SourceStatus(String id, String provider, String repo, String apiUrl, String project,
                           String credentialsRef, Duration interval, Duration lookback, Instant backfillFrom,
                           Instant pulledUntil, int backfillPercent, boolean running, Instant lastPullAt,
                           String lastError, Instant rateLimitedUntil, long runsSeen, long requests, long notModified) {

    static SourceStatus of(CiSource source, Instant now, boolean running, Instant rateLimitedUntil, ApiClient client) {
        return new SourceStatus(source.id(), source.provider(), source.repo(), source.apiUrl(), source.project(),
                source.credentialsRef(), source.interval(), source.lookback(), source.backfillFrom(),
                source.pulledUntil(), percent(source, now), running, source.lastPullAt(), source.lastError(),
                rateLimitedUntil, source.runsSeen(), client.requests(), client.notModified());
    }

    private static int percent(CiSource source, Instant now) {
        if (source.pulledUntil() == null) {
            return 0;
        }
        // a pass that ended has read up to its own end: measured against that, not against now, it says 100
        Instant end = source.lastPullAt() != null && !source.pulledUntil().isBefore(source.lastPullAt())
                ? source.lastPullAt() : now;
        long total = Duration.between(source.backfillFrom(), end).toSeconds();
        long done = Duration.between(source.backfillFrom(), source.pulledUntil()).toSeconds();
        return total <= 0 ? 100 : (int) Math.max(0, Math.min(100, done * 100 / total));
    }
}
