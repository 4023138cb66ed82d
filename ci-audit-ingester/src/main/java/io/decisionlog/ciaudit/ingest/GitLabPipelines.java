package io.decisionlog.ciaudit.ingest;

import io.decisionlog.events.errors.BadRequest;
import io.decisionlog.events.CiRun;
import io.decisionlog.events.CiRunOrder;
import io.decisionlog.events.DecisionIds;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * GitLab Pipeline Hooks. A pipeline is one run (attempt 1: GitLab retries jobs, not pipelines); the
 * {@code DECISION_ID} and {@code DECISION_REASON} variables carry the decision. Other hooks are ignored.
 */
public final class GitLabPipelines {
    public static final String PROVIDER = "gitlab";

    /** GitLab statuses onto the normalized vocabulary: status, then conclusion (null while running). */
    private static final Map<String, String[]> STATUSES = Map.ofEntries(
            Map.entry("created", new String[] {CiRunOrder.QUEUED, null}),
            Map.entry("waiting_for_resource", new String[] {CiRunOrder.QUEUED, null}),
            Map.entry("preparing", new String[] {CiRunOrder.QUEUED, null}),
            Map.entry("pending", new String[] {CiRunOrder.QUEUED, null}),
            Map.entry("scheduled", new String[] {CiRunOrder.QUEUED, null}),
            Map.entry("manual", new String[] {CiRunOrder.QUEUED, null}),
            Map.entry("running", new String[] {CiRunOrder.IN_PROGRESS, null}),
            Map.entry("canceling", new String[] {CiRunOrder.IN_PROGRESS, null}),
            Map.entry("success", new String[] {CiRunOrder.COMPLETED, "success"}),
            Map.entry("failed", new String[] {CiRunOrder.COMPLETED, "failure"}),
            Map.entry("canceled", new String[] {CiRunOrder.COMPLETED, "cancelled"}),
            Map.entry("skipped", new String[] {CiRunOrder.COMPLETED, "skipped"}));

    private final DecisionIds decisionIds;

    public GitLabPipelines(DecisionIds decisionIds) {
        this.decisionIds = decisionIds;
    }

    public Normalized normalize(String event, String deliveryId, byte[] body, Instant receivedAt) {
        if (event != null && !"Pipeline Hook".equals(event)) {
            return new Normalized.Ignored(event + ": only Pipeline Hooks describe runs");
        }
        PipelineHook hook = Payloads.read(body, PipelineHook.class);
        if (!"pipeline".equals(hook.objectKind())) {
            return new Normalized.Ignored("object_kind " + hook.objectKind() + ": only pipelines describe runs");
        }
        return new Normalized.Run(run(hook, deliveryId, receivedAt));
    }

    private CiRun run(PipelineHook hook, String deliveryId, Instant receivedAt) {
        Pipeline pipeline = hook.objectAttributes();
        if (pipeline == null) {
            throw new BadRequest("object_attributes", "object_attributes is missing");
        }
        String gitlabStatus = Fields.required("object_attributes.status", pipeline.status()).toLowerCase(Locale.ROOT);
        String[] status = status(gitlabStatus);
        Instant createdAt = Times.parse("object_attributes.created_at", pipeline.createdAt());
        Instant finishedAt = Times.parse("object_attributes.finished_at", pipeline.finishedAt());
        String repo = Fields.repo("project.path_with_namespace",
                hook.project() == null ? null : hook.project().pathWithNamespace());
        String runId = Fields.required("object_attributes.id", pipeline.id());
        String decisionId = variable(pipeline, "DECISION_ID");
        return new CiRun(PROVIDER, repo, runId, 1,
                Fields.cap(pipeline.name() != null ? pipeline.name() : "pipeline", 200),
                ".gitlab-ci.yml",
                pipeline.source(),
                Fields.sha("object_attributes.sha", pipeline.sha()),
                Fields.cap(pipeline.ref(), 500),
                hook.user() == null ? null : hook.user().username(),
                status[0],
                status[1],
                createdAt,
                finishedAt != null ? finishedAt : createdAt,
                CiRunOrder.COMPLETED.equals(status[0]) ? finishedAt : null,
                hook.project().webUrl() == null ? null : Fields.cap(hook.project().webUrl() + "/-/pipelines/" + runId, 500),
                Fields.cap(pipeline.name() != null ? pipeline.name() : hook.commit() == null ? null : hook.commit().title()),
                checkedIds(decisionId),
                Fields.cap(variable(pipeline, "DECISION_REASON")),
                deliveryId,
                receivedAt).withContext(null, DecisionInputs.of(key -> variable(pipeline, key)));
    }

    /** GitLab's status as the normalized status and conclusion; an unknown one counts as queued. */
    static String[] status(String gitlabStatus) {
        return STATUSES.getOrDefault(gitlabStatus.toLowerCase(Locale.ROOT), new String[] {CiRunOrder.QUEUED, null});
    }

    /** An input that is not a decision id is dropped, not fatal: GitLab must never see a 4xx for a real pipeline. */
    private List<String> checkedIds(String value) {
        return decisionIds.findIn(value);
    }

    private static String variable(Pipeline pipeline, String key) {
        if (pipeline.variables() == null) {
            return null;
        }
        return pipeline.variables().stream().filter(v -> key.equals(v.key())).map(Variable::value)
                .findFirst().orElse(null);
    }

    @ProviderJson
    record PipelineHook(String objectKind, Pipeline objectAttributes, User user, Project project, Commit commit) {
    }

    @ProviderJson
    record Pipeline(String id, String name, String ref, String sha, String source, String status, String createdAt,
                    String finishedAt, List<Variable> variables) {
    }

    @ProviderJson
    record Variable(String key, String value) {
    }

    @ProviderJson
    record User(String username) {
    }

    @ProviderJson
    record Project(String pathWithNamespace, String webUrl) {
    }

    @ProviderJson
    record Commit(String title) {
    }
}
