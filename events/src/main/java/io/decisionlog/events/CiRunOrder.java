package io.decisionlog.events;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;

/**
 * Which of two records of the same run attempt is newer. CI systems deliver out of order and redeliver, so a
 * stale status must never replace a newer one: the ingester applies this rule before it publishes (keeping the
 * compacted topic's latest record the newest status) and decision-graph applies it again when it aggregates
 * (covering races between ingester instances). Progress first (a completed run never goes back to in_progress),
 * then {@code updated_at}. An equal record is not newer, so a redelivery changes nothing.
 */
public final class CiRunOrder {
    /** Normalized statuses, GitHub's vocabulary: every provider's statuses are mapped onto these. */
    public static final String REQUESTED = "requested";
    public static final String QUEUED = "queued";
    public static final String IN_PROGRESS = "in_progress";
    public static final String COMPLETED = "completed";

    private static final Map<String, Integer> PROGRESS = Map.of(
            REQUESTED, 0, QUEUED, 1, "waiting", 1, "pending", 1, IN_PROGRESS, 2, COMPLETED, 3);

    private static final Comparator<Instant> NEWER_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());

    private CiRunOrder() {
    }

    /** True when {@code candidate} should replace {@code current} (which may be null: nothing known yet). */
    public static boolean supersedes(CiRun candidate, CiRun current) {
        return current == null
                || supersedes(progress(candidate), candidate.updatedAt(), progress(current), current.updatedAt());
    }

    /** The same rule on the two facts it looks at, for a caller that keeps only those (the ingester's ledger). */
    public static boolean supersedes(int candidateProgress, Instant candidateUpdatedAt, int currentProgress,
                                     Instant currentUpdatedAt) {
        if (candidateProgress != currentProgress) {
            return candidateProgress > currentProgress;
        }
        return NEWER_FIRST.compare(candidateUpdatedAt, currentUpdatedAt) > 0;
    }

    /** How far past its receipt a run's {@code updated_at} may lie: clock skew between the CI and us, no more. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    /**
     * The run as the ordering rule may trust it: an {@code updated_at} further in the future than clock skew explains
     * is taken as its receipt time, so no delivery can pin a run's state by claiming a time that never comes.
     */
    public static CiRun trusted(CiRun run) {
        Instant received = run.receivedAt();
        if (received == null || run.updatedAt() == null || !run.updatedAt().isAfter(received.plus(MAX_CLOCK_SKEW))) {
            return run;
        }
        return new CiRun(run.provider(), run.repo(), run.runId(), run.attempt(), run.workflow(), run.workflowPath(),
                run.event(), run.headSha(), run.headBranch(), run.actor(), run.status(), run.conclusion(),
                run.startedAt(), received, run.completedAt(), run.url(), run.title(), run.decisionIds(), run.reason(),
                run.deliveryId(), received, run.origin(), run.triggeringActor(), run.inputs());
    }

    /** How far a run has got: requested 0, queued/waiting/pending 1, in_progress 2, completed 3. */
    public static int progress(CiRun run) {
        return run.status() == null ? 0 : PROGRESS.getOrDefault(run.status().toLowerCase(Locale.ROOT), 1);
    }
}
