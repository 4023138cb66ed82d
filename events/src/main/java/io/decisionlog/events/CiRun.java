package io.decisionlog.events;

import java.time.Instant;
import java.util.List;

/** One attempt of one CI run, normalized from any provider ({@link Topics#CI_RUNS}). */
@WireFormat
public record CiRun(
        String provider,
        String repo,
        String runId,
        int attempt,
        String workflow,
        String workflowPath,
        String event,
        String headSha,
        String headBranch,
        String actor,
        String status,
        String conclusion,
        Instant startedAt,
        Instant updatedAt,
        Instant completedAt,
        String url,
        String title,
        List<String> decisionIds,
        String reason,
        String deliveryId,
        Instant receivedAt,
        String origin) {
    /** Where a record came from: a webhook delivery, a pull from the CI's API, or the runs API. */
    public static final String WEBHOOK = "webhook";
    public static final String PULL = "pull";

    public CiRun {
        decisionIds = Nulls.list(decisionIds);
    }

    /** A run as a webhook or the runs API delivered it (their records carry no origin: null reads as a delivery). */
    public CiRun(String provider, String repo, String runId, int attempt, String workflow, String workflowPath,
                 String event, String headSha, String headBranch, String actor, String status, String conclusion,
                 Instant startedAt, Instant updatedAt, Instant completedAt, String url, String title,
                 List<String> decisionIds, String reason, String deliveryId, Instant receivedAt) {
        this(provider, repo, runId, attempt, workflow, workflowPath, event, headSha, headBranch, actor, status,
                conclusion, startedAt, updatedAt, completedAt, url, title, decisionIds, reason, deliveryId, receivedAt,
                null);
    }

    public CiRun pulled() {
        return new CiRun(provider, repo, runId, attempt, workflow, workflowPath, event, headSha, headBranch, actor,
                status, conclusion, startedAt, updatedAt, completedAt, url, title, decisionIds, reason, deliveryId,
                receivedAt, PULL);
    }

    public String key() {
        return Keys.ciRun(provider, repo, runId, attempt);
    }

    public String commitKey() {
        return Keys.commit(repo, headSha);
    }
}
