package io.decisionlog.ciaudit.ingest;

import io.decisionlog.events.errors.BadRequest;
import com.fasterxml.jackson.databind.JsonNode;
import io.decisionlog.events.CiRun;
import io.decisionlog.events.CiRunOrder;
import io.decisionlog.events.DecisionIds;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /api/v1/ci-runs} for any other CI or a script: the normalized run JSON, or a CDEvents
 * {@code pipelinerun} event (structured CloudEvent, bare CDEvent, or binary mode with {@code ce-*} headers). A
 * CDEvent carries no commit: repo, sha and decision id come from {@code customData}.
 */
public final class GenericRuns {
    public static final String PROVIDER = "generic";
    public static final String CDEVENTS = "cdevents";
    private static final String PIPELINE_RUN = "dev.cdevents.pipelinerun.";
    private static final Set<String> STATUSES = Set.of(CiRunOrder.REQUESTED, CiRunOrder.QUEUED, "waiting", "pending",
            CiRunOrder.IN_PROGRESS, CiRunOrder.COMPLETED);
    private static final Map<String, String> CDEVENT_STATUS = Map.of(
            "queued", CiRunOrder.QUEUED, "started", CiRunOrder.IN_PROGRESS, "finished", CiRunOrder.COMPLETED);

    private final DecisionIds decisionIds;

    public GenericRuns(DecisionIds decisionIds) {
        this.decisionIds = decisionIds;
    }

    /** @param ceType the {@code ce-type} header of a binary-mode CloudEvent, else null */
    public Normalized normalize(String ceType, String ceId, byte[] body, Instant receivedAt) {
        JsonNode root = Payloads.tree(body);
        JsonNode cdevent = root.has("specversion") && root.has("data") ? root.get("data") : root;
        String type = ceType != null ? ceType : root.has("specversion") ? root.path("type").asText(null)
                : cdevent.path("context").path("type").asText(null);
        if (type != null && type.startsWith("dev.cdevents.")) {
            return type.startsWith(PIPELINE_RUN) ? new Normalized.Run(fromCdEvent(type, ceId, cdevent, receivedAt))
                    : new Normalized.Ignored(type + ": only pipelinerun events describe runs");
        }
        return new Normalized.Run(fromNormalized(Payloads.convert(root, CiRun.class), receivedAt));
    }

    private CiRun fromNormalized(CiRun run, Instant receivedAt) {
        String status = Fields.required("status", run.status()).toLowerCase(Locale.ROOT);
        if (!STATUSES.contains(status)) {
            throw new BadRequest("status", "status must be one of " + STATUSES + ", not '" + Fields.cap(status, 40) + "'");
        }
        for (String id : run.decisionIds()) {
            if (!decisionIds.isId(id)) {
                throw new BadRequest("decision_ids", "'" + Fields.cap(id, 80) + "' is not a decision id (pattern "
                        + decisionIds.pattern() + ")");
            }
        }
        return new CiRun(run.provider() == null ? PROVIDER : Fields.cap(run.provider(), 40),
                Fields.repo("repo", run.repo()), Fields.required("run_id", run.runId()),
                run.attempt() <= 0 ? 1 : run.attempt(), Fields.cap(run.workflow(), 200), Fields.cap(run.workflowPath(), 500),
                Fields.cap(run.event(), 100), Fields.sha("head_sha", run.headSha()), Fields.cap(run.headBranch(), 500),
                Fields.cap(run.actor(), 200), status, Fields.cap(run.conclusion(), 40), run.startedAt(),
                run.updatedAt(), run.completedAt(), Fields.cap(run.url(), 500), Fields.cap(run.title()),
                run.decisionIds().stream().map(String::trim).toList(), Fields.cap(run.reason()),
                Fields.cap(run.deliveryId(), 200), receivedAt);
    }

    private CiRun fromCdEvent(String type, String ceId, JsonNode event, Instant receivedAt) {
        JsonNode context = event.path("context");
        JsonNode subject = event.path("subject");
        JsonNode content = subject.path("content");
        JsonNode custom = event.path("customData");
        String phase = type.substring(PIPELINE_RUN.length()).split("\\.")[0];
        String status = CDEVENT_STATUS.getOrDefault(phase, CiRunOrder.QUEUED);
        Instant timestamp = Times.parse("context.timestamp", text(context, "timestamp"));
        String decisionId = text(custom, "decision_id");
        return new CiRun(CDEVENTS,
                Fields.repo("customData.repo", text(custom, "repo")),
                Fields.required("subject.id", text(subject, "id")),
                custom.path("attempt").asInt(1),
                Fields.cap(text(content, "pipelineName"), 200),
                Fields.cap(text(content, "pipelineName"), 500),
                "cdevents",
                Fields.sha("customData.sha", text(custom, "sha")),
                Fields.cap(text(custom, "branch"), 500),
                Fields.cap(text(custom, "actor"), 200),
                status,
                CiRunOrder.COMPLETED.equals(status) ? conclusion(text(content, "outcome")) : null,
                CiRunOrder.IN_PROGRESS.equals(status) ? timestamp : null,
                timestamp,
                CiRunOrder.COMPLETED.equals(status) ? timestamp : null,
                Fields.cap(text(content, "uri"), 500),
                Fields.cap(text(content, "pipelineName")),
                decisionIds.findIn(decisionId),
                Fields.cap(text(custom, "reason")),
                ceId != null ? ceId : text(context, "id"),
                receivedAt);
    }

    private static String conclusion(String outcome) {
        if (outcome == null) {
            return null;
        }
        return switch (outcome.toLowerCase(Locale.ROOT)) {
            case "success" -> "success";
            case "failure", "error" -> "failure";
            case "cancel", "cancelled", "canceled" -> "cancelled";
            default -> outcome.toLowerCase(Locale.ROOT);
        };
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() ? value.asText() : null;
    }
}
