package io.decisionlog.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.decisionlog.events.Json;
import io.decisionlog.events.webhook.Hmac;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CI deliveries as GitHub and GitLab send them, built from real payloads (the shared fixtures, copied into this
 * module's resources) with the sample team's repository, shas, ids and times filled in, and signed the way the
 * providers sign them: {@code X-Hub-Signature-256} over the exact body, {@code X-Gitlab-Token}.
 */
public final class CiDeliveries {
    public static final String GITHUB_ENDPOINT = "/webhooks/github";
    public static final String GITLAB_ENDPOINT = "/webhooks/gitlab";
    private static final DateTimeFormatter GITLAB_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    /** What the templates say, replaced everywhere (URLs included) by the sample's values. */
    private static final String TEMPLATE_REPO = "octo-org/octo-repo";
    private static final String TEMPLATE_OWNER = "octo-org";
    private static final String TEMPLATE_USER = "Codertocat";

    private CiDeliveries() {
    }

    /** One HTTP delivery: where it goes, its headers, the exact bytes (the signature covers them). */
    public record Delivery(String endpoint, Map<String, String> headers, byte[] body) {
        public JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A GitHub Actions run: what a {@code workflow_run} delivery says about it. */
    public record GitHubRun(String repo, long runId, int runNumber, String workflowName, String workflowPath,
                            String displayTitle, String event, String headSha, String headBranch, String actor,
                            String status, String conclusion, Instant createdAt, Instant startedAt, Instant updatedAt,
                            String headCommitMessage, SampleTeam.Member headCommitAuthor, Instant headCommitAt) {
    }

    /** A GitLab pipeline: what a Pipeline Hook says about it. */
    public record GitLabPipeline(String repo, long pipelineId, String sha, String ref, String source, String status,
                                 Instant createdAt, Instant finishedAt, String username, String userName,
                                 Map<String, String> variables, String commitTitle, String commitMessage,
                                 SampleTeam.Member commitAuthor, Instant commitAt) {
    }

    /** {@code X-GitHub-Event: workflow_run}, action {@code completed} unless the run is still going. */
    public static Delivery gitHubWorkflowRun(GitHubRun run, String deliveryId, String secret) {
        ObjectNode root = template("github-workflow_run.completed.payload.json");
        rename(root, run.repo(), run.actor());
        replaceText(root, "runs/289782451", "runs/" + run.runId());
        root.put("action", "completed".equals(run.status()) ? "completed" : "in_progress".equals(run.status())
                ? "in_progress" : "requested");
        ObjectNode workflow = (ObjectNode) root.path("workflow");
        if (!workflow.isMissingNode()) {
            workflow.put("name", run.workflowName());
            workflow.put("path", run.workflowPath());
            workflow.put("html_url", "https://github.com/" + run.repo() + "/blob/main/" + run.workflowPath());
            workflow.put("badge_url", "https://github.com/" + run.repo() + "/workflows/" + run.workflowName() + "/badge.svg");
        }
        ObjectNode wr = (ObjectNode) root.get("workflow_run");
        wr.put("id", run.runId());
        wr.put("name", run.workflowName());
        wr.put("path", run.workflowPath());
        wr.put("display_title", run.displayTitle());
        wr.put("run_number", run.runNumber());
        wr.put("run_attempt", 1);
        wr.put("event", run.event());
        wr.put("status", run.status());
        if (run.conclusion() == null) {
            wr.putNull("conclusion");
        } else {
            wr.put("conclusion", run.conclusion());
        }
        wr.put("head_sha", run.headSha());
        wr.put("head_branch", run.headBranch());
        wr.put("created_at", iso(run.createdAt()));
        wr.put("run_started_at", iso(run.startedAt()));
        wr.put("updated_at", iso(run.updatedAt()));
        wr.putArray("pull_requests");
        ObjectNode headCommit = wr.putObject("head_commit");
        headCommit.put("id", run.headSha());
        headCommit.put("message", run.headCommitMessage());
        headCommit.put("timestamp", iso(run.headCommitAt()));
        person(headCommit.putObject("author"), run.headCommitAuthor());
        person(headCommit.putObject("committer"), run.headCommitAuthor());
        return gitHub("workflow_run", deliveryId, root, secret);
    }

    /**
     * {@code X-GitHub-Event: workflow_dispatch}: the inputs of a manual run (no run id, no sha; decision-graph
     * correlates it with the run by repository, workflow, ref, sender and time).
     */
    public static Delivery gitHubWorkflowDispatch(String repo, String workflowPath, String ref, String sender,
                                                  Map<String, String> inputs, String deliveryId, String secret) {
        ObjectNode root = template("github-workflow_dispatch.payload.json");
        rename(root, repo, sender);
        ObjectNode values = root.putObject("inputs");
        inputs.forEach(values::put);
        root.put("ref", ref);
        root.put("workflow", workflowPath);
        return gitHub("workflow_dispatch", deliveryId, root, secret);
    }

    /** {@code X-Gitlab-Event: Pipeline Hook}; {@code DECISION_ID} and {@code DECISION_REASON} are pipeline variables. */
    public static Delivery gitLabPipeline(GitLabPipeline pipeline, String idempotencyKey, String token) {
        ObjectNode root = template("gitlab-pipeline.payload.json");
        String webUrl = "https://gitlab.acme.example/" + pipeline.repo();
        String name = pipeline.repo().substring(pipeline.repo().lastIndexOf('/') + 1);
        String namespace = pipeline.repo().substring(0, pipeline.repo().lastIndexOf('/'));
        root.remove("merge_request");
        ObjectNode attributes = (ObjectNode) root.get("object_attributes");
        attributes.put("id", pipeline.pipelineId());
        attributes.put("ref", pipeline.ref());
        attributes.put("sha", pipeline.sha());
        attributes.put("before_sha", "0000000000000000000000000000000000000000");
        attributes.put("source", pipeline.source());
        attributes.put("status", pipeline.status());
        attributes.put("created_at", GITLAB_TIME.format(pipeline.createdAt()));
        if (pipeline.finishedAt() == null) {
            attributes.putNull("finished_at");
        } else {
            attributes.put("finished_at", GITLAB_TIME.format(pipeline.finishedAt()));
            attributes.put("duration", Duration.between(pipeline.createdAt(), pipeline.finishedAt()).toSeconds());
        }
        ArrayNode variables = attributes.putArray("variables");
        pipeline.variables().forEach((key, value) -> variables.addObject().put("key", key).put("value", value));
        ObjectNode user = (ObjectNode) root.get("user");
        user.put("name", pipeline.userName());
        user.put("username", pipeline.username());
        ObjectNode project = (ObjectNode) root.get("project");
        project.put("name", name);
        project.put("description", "Configuration of the payments service");
        project.put("web_url", webUrl);
        project.put("git_ssh_url", "git@gitlab.acme.example:" + pipeline.repo() + ".git");
        project.put("git_http_url", webUrl + ".git");
        project.put("namespace", namespace);
        project.put("path_with_namespace", pipeline.repo());
        project.put("default_branch", "main");
        ObjectNode commit = (ObjectNode) root.get("commit");
        commit.put("id", pipeline.sha());
        commit.put("title", pipeline.commitTitle());
        commit.put("message", pipeline.commitMessage());
        commit.put("timestamp", iso(pipeline.commitAt()));
        commit.put("url", webUrl + "/-/commit/" + pipeline.sha());
        person((ObjectNode) commit.get("author"), pipeline.commitAuthor());
        for (JsonNode build : root.path("builds")) {
            ObjectNode job = (ObjectNode) build;
            job.put("status", pipeline.status());
            job.put("created_at", GITLAB_TIME.format(pipeline.createdAt()));
            job.put("started_at", GITLAB_TIME.format(pipeline.createdAt().plusSeconds(20)));
            if (pipeline.finishedAt() != null) {
                job.put("finished_at", GITLAB_TIME.format(pipeline.finishedAt()));
            }
            ((ObjectNode) job.get("user")).put("name", pipeline.userName()).put("username", pipeline.username());
        }
        byte[] body = bytes(root);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "GitLab/17.5.0");
        headers.put("X-Gitlab-Event", "Pipeline Hook");
        headers.put("X-Gitlab-Instance", "https://gitlab.acme.example");
        headers.put("X-Gitlab-Event-UUID", idempotencyKey);
        headers.put("Idempotency-Key", idempotencyKey);
        if (token != null && !token.isBlank()) {
            headers.put("X-Gitlab-Token", token.trim());
        }
        return new Delivery(GITLAB_ENDPOINT, Map.copyOf(headers), body);
    }

    /** {@code sha256=<hex HMAC-SHA256(secret, body)>}, as GitHub signs. */
    public static String gitHubSignature(String secret, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(Hmac.sha256(secret.getBytes(StandardCharsets.UTF_8), body));
    }

    /** The first secret of a comma-separated list (several are configured during a rotation), or null. */
    public static String firstSecret(String configured) {
        if (configured == null) {
            return null;
        }
        for (String secret : configured.split(",")) {
            if (!secret.isBlank()) {
                return secret.trim();
            }
        }
        return null;
    }

    private static Delivery gitHub(String event, String deliveryId, ObjectNode root, String secret) {
        byte[] body = bytes(root);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "GitHub-Hookshot/decisionlog-demo");
        headers.put("X-GitHub-Event", event);
        headers.put("X-GitHub-Delivery", deliveryId);
        headers.put("X-GitHub-Hook-ID", "467512830");
        headers.put("X-GitHub-Hook-Installation-Target-Type", "repository");
        if (secret != null && !secret.isBlank()) {
            headers.put("X-Hub-Signature-256", gitHubSignature(secret.trim(), body));
        }
        return new Delivery(GITHUB_ENDPOINT, Map.copyOf(headers), body);
    }

    /** Repository and account of the template become the sample's, in every field and URL that names them. */
    private static void rename(ObjectNode root, String repo, String login) {
        String owner = repo.substring(0, repo.indexOf('/'));
        String name = repo.substring(repo.indexOf('/') + 1);
        replaceText(root, TEMPLATE_REPO, repo);
        replaceText(root, TEMPLATE_OWNER, owner);
        replaceText(root, TEMPLATE_USER, login);
        for (String field : new String[] {"repository", "head_repository"}) {
            for (JsonNode repository : new JsonNode[] {root.path(field), root.path("workflow_run").path(field)}) {
                if (repository instanceof ObjectNode object) {
                    object.put("name", name);
                    object.put("full_name", repo);
                    object.put("description", "Configuration of the payments service");
                    if (object.has("default_branch")) {
                        object.put("default_branch", "main");
                    }
                    if (object.get("owner") instanceof ObjectNode ownerNode) {
                        ownerNode.put("login", owner);
                    }
                }
            }
        }
        if (root.get("organization") instanceof ObjectNode organization) {
            organization.put("login", owner);
        }
        for (JsonNode account : new JsonNode[] {root.path("sender"), root.path("workflow_run").path("actor"),
                root.path("workflow_run").path("triggering_actor")}) {
            if (account instanceof ObjectNode object) {
                object.put("login", login);
            }
        }
    }

    /** Replaces {@code from} inside every string value of the tree. */
    static void replaceText(JsonNode node, String from, String to) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                if (field.getValue().isTextual() && field.getValue().asText().contains(from)) {
                    field.setValue(new TextNode(field.getValue().asText().replace(from, to)));
                } else {
                    replaceText(field.getValue(), from, to);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isTextual() && array.get(i).asText().contains(from)) {
                    array.set(i, new TextNode(array.get(i).asText().replace(from, to)));
                } else {
                    replaceText(array.get(i), from, to);
                }
            }
        }
    }

    private static void person(ObjectNode node, SampleTeam.Member member) {
        node.put("name", member.name());
        node.put("email", member.email());
        if (node.has("username")) {
            node.put("username", member.login());
        }
    }

    private static ObjectNode template(String name) {
        try (InputStream in = CiDeliveries.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the template " + name + " is missing from the jar");
            }
            return (ObjectNode) Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(JsonNode root) {
        try {
            return Json.MAPPER.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String iso(Instant instant) {
        return instant == null ? null : DateTimeFormatter.ISO_INSTANT.format(instant);
    }
}
