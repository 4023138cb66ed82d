package io.decisionlog.ciaudit.ingest;

import io.decisionlog.events.errors.BadRequest;
import io.decisionlog.events.CiDispatch;
import io.decisionlog.events.CiRun;
import io.decisionlog.events.CiRunOrder;
import io.decisionlog.events.DecisionIds;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * GitHub webhook deliveries: {@code workflow_run} becomes a run, {@code workflow_dispatch} a dispatch (its inputs
 * carry the decision; decision-graph correlates it with the run it caused), everything else is acknowledged and
 * ignored. Decision ids in a run's {@code display_title} are left in the title: decision-graph matches them there
 * ({@code ci_title}), keeping {@code decision_ids} for explicit inputs ({@code ci_input}).
 */
public final class GitHubDeliveries {
    public static final String PROVIDER = "github";
    private static final int MAX_INPUTS = 50;

    private final DecisionIds decisionIds;

    public GitHubDeliveries(DecisionIds decisionIds) {
        this.decisionIds = decisionIds;
    }

    public Normalized normalize(String event, String deliveryId, byte[] body, Instant receivedAt) {
        if (event == null || event.isBlank()) {
            throw new BadRequest("X-GitHub-Event", "the X-GitHub-Event header is missing");
        }
        return switch (event) {
            case "workflow_run" -> new Normalized.Run(run(Payloads.read(body, WorkflowRunDelivery.class), deliveryId, receivedAt));
            case "workflow_dispatch" -> new Normalized.Dispatch(
                    dispatch(Payloads.read(body, WorkflowDispatchDelivery.class), deliveryId, receivedAt));
            case "ping" -> new Normalized.Ignored("ping: the webhook is set up");
            case "workflow_job" -> new Normalized.Ignored(
                    "workflow_job: jobs never create runs; the workflow_run delivery carries the run");
            default -> new Normalized.Ignored(event + ": not a CI run event");
        };
    }

    private CiRun run(WorkflowRunDelivery delivery, String deliveryId, Instant receivedAt) {
        if (delivery.workflowRun() == null) {
            throw new BadRequest("workflow_run", "workflow_run is missing");
        }
        return run(delivery.workflowRun(), "workflow_run.",
                Fields.repo("repository.full_name", delivery.repository() == null ? null : delivery.repository().fullName()),
                delivery.sender() == null ? null : delivery.sender().login(), deliveryId, receivedAt);
    }

    /**
     * A run object as both the webhook and the runs API ({@code GET /repos/{o}/{r}/actions/runs}) give it: the same
     * schema, {@code workflow-run}. {@code field} prefixes the field names in errors.
     */
    static CiRun run(WorkflowRun run, String field, String repo, String sender, String deliveryId, Instant receivedAt) {
        String status = Fields.required(field + "status", run.status());
        Instant updatedAt = Times.parse(field + "updated_at", run.updatedAt());
        return new CiRun(PROVIDER,
                repo,
                Fields.required(field + "id", run.id()),
                run.runAttempt() == null ? 1 : run.runAttempt(),
                Fields.cap(run.name(), 200),
                Fields.cap(run.path(), 500),
                run.event(),
                Fields.sha(field + "head_sha", run.headSha()),
                Fields.cap(run.headBranch(), 500),
                actor(run, sender),
                status,
                run.conclusion(),
                Times.parse(field + "run_started_at", run.runStartedAt()),
                updatedAt,
                CiRunOrder.COMPLETED.equals(status) ? updatedAt : null,
                Fields.cap(run.htmlUrl(), 500),
                Fields.cap(run.displayTitle()),
                java.util.List.of(),
                null,
                deliveryId,
                receivedAt).withContext(run.triggeringActor() == null ? null : run.triggeringActor().login(), Map.of());
    }

    private CiDispatch dispatch(WorkflowDispatchDelivery delivery, String deliveryId, Instant receivedAt) {
        Map<String, String> inputs = new LinkedHashMap<>();
        if (delivery.inputs() != null) {
            delivery.inputs().entrySet().stream().limit(MAX_INPUTS).forEach(input ->
                    inputs.put(Fields.cap(input.getKey(), 100), Fields.cap(String.valueOf(input.getValue()))));
        }
        return new CiDispatch(PROVIDER,
                Fields.repo("repository.full_name", delivery.repository() == null ? null : delivery.repository().fullName()),
                Fields.required("workflow", delivery.workflow()),
                Fields.required("ref", delivery.ref()),
                delivery.sender() == null ? null : delivery.sender().login(),
                inputs,
                decisionIds.findIn(inputs.get("decision_id")),
                inputs.get("reason"),
                Fields.required("X-GitHub-Delivery", deliveryId),
                receivedAt);
    }

    /** Who started the run: the dispatcher of a manual run, which is what a dispatch's sender is compared with. */
    private static String actor(WorkflowRun run, String sender) {
        if (run.actor() != null && run.actor().login() != null) {
            return run.actor().login();
        }
        if (run.triggeringActor() != null && run.triggeringActor().login() != null) {
            return run.triggeringActor().login();
        }
        return sender;
    }

    @ProviderJson
    record WorkflowRunDelivery(String action, WorkflowRun workflowRun, Repository repository, Account sender) {
    }

    @ProviderJson
    record WorkflowRun(String id, String name, String path, String displayTitle, String event, String status,
                       String conclusion, String headSha, String headBranch, Integer runAttempt, String runStartedAt,
                       String updatedAt, String htmlUrl, Account actor, Account triggeringActor) {
    }

    @ProviderJson
    record WorkflowDispatchDelivery(Map<String, Object> inputs, String ref, String workflow, Repository repository,
                                    Account sender) {
    }

    @ProviderJson
    record Repository(String fullName) {
    }

    @ProviderJson
    record Account(String login) {
    }
}
