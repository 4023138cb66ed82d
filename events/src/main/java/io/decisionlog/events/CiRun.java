package io.decisionlog.events;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One attempt of one CI run, normalized from any provider ({@link Topics#CI_RUNS}). Its decision context: the
 * decision ids and reason it carried explicitly, who triggered this attempt ({@code triggeringActor}, who re-ran it
 * where that differs from {@code actor}) and the inputs that carried them (a dispatch's inputs; GitLab's and
 * Jenkins' {@code DECISION_*} variables). In a chain, decision-graph adds what the run's title and its dispatch
 * brought (see {@link #inChain}).
 */
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
        String origin,
        String triggeringActor,
        Map<String, String> inputs) {
    /** Where a record came from: a webhook delivery, a pull from the CI's API, or the runs API. */
    public static final String WEBHOOK = "webhook";
    public static final String PULL = "pull";
    /** The {@code decision_ref} of a run that carried no decision: said explicitly, never left blank. */
    public static final String NO_DECISION = "N/A";

    public CiRun {
        decisionIds = Nulls.list(decisionIds);
        inputs = Nulls.map(inputs);
    }

    /** A run with its origin and no further context (who triggered it is its actor; no inputs). */
    public CiRun(String provider, String repo, String runId, int attempt, String workflow, String workflowPath,
                 String event, String headSha, String headBranch, String actor, String status, String conclusion,
                 Instant startedAt, Instant updatedAt, Instant completedAt, String url, String title,
                 List<String> decisionIds, String reason, String deliveryId, Instant receivedAt, String origin) {
        this(provider, repo, runId, attempt, workflow, workflowPath, event, headSha, headBranch, actor, status,
                conclusion, startedAt, updatedAt, completedAt, url, title, decisionIds, reason, deliveryId, receivedAt,
                origin, null, Map.of());
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
                receivedAt, PULL, triggeringActor, inputs);
    }

    /** The same run with who triggered it and the inputs that carried its decision context. */
    public CiRun withContext(String triggeringActor, Map<String, String> inputs) {
        return new CiRun(provider, repo, runId, attempt, workflow, workflowPath, event, headSha, headBranch, actor,
                status, conclusion, startedAt, updatedAt, completedAt, url, title, decisionIds, reason, deliveryId,
                receivedAt, origin, triggeringActor, inputs);
    }

    /**
     * The run as a chain shows it: every decision it brought (its own ids, its title's, its dispatch's) and the
     * context a matched dispatch adds where the run lacks it (the runs API and {@code workflow_run} carry no inputs).
     */
    public CiRun inChain(List<String> decisionIds, String reason, String triggeringActor, Map<String, String> inputs) {
        return new CiRun(provider, repo, runId, attempt, workflow, workflowPath, event, headSha, headBranch, actor,
                status, conclusion, startedAt, updatedAt, completedAt, url, title, decisionIds,
                this.reason != null ? this.reason : reason, deliveryId, receivedAt, origin,
                this.triggeringActor != null ? this.triggeringActor : triggeringActor,
                this.inputs.isEmpty() ? inputs : this.inputs);
    }

    /** The decision ids the run carried, space-separated, or {@link #NO_DECISION}: derived, never read back. */
    @JsonProperty(value = "decision_ref", access = JsonProperty.Access.READ_ONLY)
    public String decisionRef() {
        return decisionIds.isEmpty() ? NO_DECISION : String.join(" ", decisionIds);
    }

    public String key() {
        return Keys.ciRun(provider, repo, runId, attempt);
    }

    public String commitKey() {
        return Keys.commit(repo, headSha);
    }
}
