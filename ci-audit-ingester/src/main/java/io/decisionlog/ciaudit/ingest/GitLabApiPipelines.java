package io.decisionlog.ciaudit.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.decisionlog.events.CiRun;
import io.decisionlog.events.CiRunOrder;
import io.decisionlog.events.DecisionIds;
import io.decisionlog.events.errors.BadRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Pipelines as GitLab's API gives them: the list ({@code GET /projects/:id/pipelines}, a short form without user,
 * times of start and finish or variables), one pipeline ({@code GET …/pipelines/:id}) and its variables
 * ({@code …/variables}, where {@code DECISION_ID} and {@code DECISION_REASON} are). The list's form is enough for
 * the ordering rule (status, updated_at), so only a pipeline that is news costs the two further calls.
 */
public final class GitLabApiPipelines {
    private final DecisionIds decisionIds;

    public GitLabApiPipelines(DecisionIds decisionIds) {
        this.decisionIds = decisionIds;
    }

    /** A list page: each pipeline it could read as a run (no actor, no decision yet), and each it could not. */
    public record Listed(List<CiRun> runs, List<String> refused) {
    }

    public Listed list(byte[] body, String repo, String deliveryId, Instant receivedAt) {
        JsonNode items = Payloads.array(body);
        List<CiRun> runs = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            try {
                runs.add(run(Payloads.convert(items.get(i), Pipeline.class), null, "[" + i + "].", repo, deliveryId,
                        receivedAt));
            } catch (BadRequest e) {
                refused.add(e.getMessage());
            }
        }
        return new Listed(runs, refused);
    }

    /** One pipeline in full, with its variables when the token could read them (null otherwise). */
    public CiRun pipeline(byte[] pipeline, byte[] variables, String repo, String deliveryId, Instant receivedAt) {
        List<Variable> vars = variables == null ? List.of()
                : List.of(Payloads.convert(Payloads.array(variables), Variable[].class));
        return run(Payloads.read(pipeline, Pipeline.class), vars, "", repo, deliveryId, receivedAt);
    }

    private CiRun run(Pipeline p, List<Variable> variables, String field, String repo, String deliveryId,
                      Instant receivedAt) {
        String[] status = GitLabPipelines.status(Fields.required(field + "status", p.status()));
        Instant createdAt = Times.parse(field + "created_at", p.createdAt());
        Instant updatedAt = Times.parse(field + "updated_at", p.updatedAt());
        Instant finishedAt = Times.parse(field + "finished_at", p.finishedAt());
        Instant startedAt = Times.parse(field + "started_at", p.startedAt());
        return new CiRun(GitLabPipelines.PROVIDER, repo, Fields.required(field + "id", p.id()), 1,
                Fields.cap(p.name() != null ? p.name() : "pipeline", 200), ".gitlab-ci.yml", p.source(),
                Fields.sha(field + "sha", p.sha()), Fields.cap(p.ref(), 500),
                p.user() == null ? null : p.user().username(),
                status[0], status[1],
                startedAt != null ? startedAt : createdAt,
                updatedAt != null ? updatedAt : createdAt,
                CiRunOrder.COMPLETED.equals(status[0]) ? (finishedAt != null ? finishedAt : updatedAt) : null,
                Fields.cap(p.webUrl(), 500), Fields.cap(p.name()),
                variables == null ? List.of() : decisionIds.findIn(value(variables, "DECISION_ID")),
                variables == null ? null : Fields.cap(value(variables, "DECISION_REASON")),
                deliveryId, receivedAt, CiRun.PULL)
                .withContext(null, variables == null ? Map.of() : DecisionInputs.of(key -> value(variables, key)));
    }

    private static String value(List<Variable> variables, String key) {
        return variables.stream().filter(v -> key.equals(v.key())).map(Variable::value).findFirst().orElse(null);
    }

    @ProviderJson
    record Pipeline(String id, String name, String ref, String sha, String source, String status, String createdAt,
                    String updatedAt, String startedAt, String finishedAt, String webUrl, User user) {
    }

    @ProviderJson
    record User(String username) {
    }

    @ProviderJson
    record Variable(String key, String value) {
    }
}
