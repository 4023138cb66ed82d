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
        Instant receivedAt) {

    public CiRun {
        decisionIds = Nulls.list(decisionIds);
    }

    public String key() {
        return Keys.ciRun(provider, repo, runId, attempt);
    }

    public String commitKey() {
        return Keys.commit(repo, headSha);
    }
}
