package io.decisionlog.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.decisionlog.events.Json;
import io.decisionlog.events.webhook.Hmac;

import java.io.IOException;
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
public final class CiWebhooks {
    public static final String GITHUB_ENDPOINT = "/webhooks/github";
    public static final String GITLAB_ENDPOINT = "/webhooks/gitlab";
    private static final DateTimeFormatter GITLAB_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private CiWebhooks() {
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
        ObjectNode root = PayloadTemplate.load("github-workflow_run.completed.payload.json");
        PayloadTemplate.rename(root, run.repo(), run.actor());
        PayloadTemplate.replaceText(root, "runs/289782451", "runs/" + run.runId());
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
        wr.put("created_at", PayloadTemplate.iso(run.createdAt()));
        wr.put("run_started_at", PayloadTemplate.iso(run.startedAt()));
        wr.put("updated_at", PayloadTemplate.iso(run.updatedAt()));
        wr.putArray("pull_requests");
        ObjectNode headCommit = wr.putObject("head_commit");
        headCommit.put("id", run.headSha());
        headCommit.put("message", run.headCommitMessage());
        headCommit.put("timestamp", PayloadTemplate.iso(run.headCommitAt()));
        PayloadTemplate.person(headCommit.putObject("author"), run.headCommitAuthor());
        PayloadTemplate.person(headCommit.putObject("committer"), run.headCommitAuthor());
        return gitHub("workflow_run", deliveryId, root, secret);
    }

    /**
     * {@code X-GitHub-Event: workflow_dispatch}: the inputs of a manual run (no run id, no sha; decision-graph
     * correlates it with the run by repository, workflow, ref, sender and time).
     */
    public static Delivery gitHubWorkflowDispatch(String repo, String workflowPath, String ref, String sender,
                                                  Map<String, String> inputs, String deliveryId, String secret) {
        ObjectNode root = PayloadTemplate.load("github-workflow_dispatch.payload.json");
        PayloadTemplate.rename(root, repo, sender);
        ObjectNode values = root.putObject("inputs");
        inputs.forEach(values::put);
        root.put("ref", ref);
        root.put("workflow", workflowPath);
        return gitHub("workflow_dispatch", deliveryId, root, secret);
    }

    /** {@code X-Gitlab-Event: Pipeline Hook}; {@code DECISION_ID} and {@code DECISION_REASON} are pipeline variables. */
    public static Delivery gitLabPipeline(GitLabPipeline pipeline, String idempotencyKey, String token) {
        byte[] body = PayloadTemplate.bytes(pipelineHook(pipeline));
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

    private static ObjectNode pipelineHook(GitLabPipeline pipeline) {
        ObjectNode root = PayloadTemplate.load("gitlab-pipeline.payload.json");
        String webUrl = "https://gitlab.acme.example/" + pipeline.repo();
        root.remove("merge_request");
        pipelineAttributes((ObjectNode) root.get("object_attributes"), pipeline);
        ObjectNode user = (ObjectNode) root.get("user");
        user.put("name", pipeline.userName());
        user.put("username", pipeline.username());
        gitLabProject((ObjectNode) root.get("project"), pipeline.repo(), webUrl);
        ObjectNode commit = (ObjectNode) root.get("commit");
        commit.put("id", pipeline.sha());
        commit.put("title", pipeline.commitTitle());
        commit.put("message", pipeline.commitMessage());
        commit.put("timestamp", PayloadTemplate.iso(pipeline.commitAt()));
        commit.put("url", webUrl + "/-/commit/" + pipeline.sha());
        PayloadTemplate.person((ObjectNode) commit.get("author"), pipeline.commitAuthor());
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
        return root;
    }

    private static void pipelineAttributes(ObjectNode attributes, GitLabPipeline pipeline) {
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
    }

    private static void gitLabProject(ObjectNode project, String repo, String webUrl) {
        project.put("name", repo.substring(repo.lastIndexOf('/') + 1));
        project.put("description", "Configuration of the payments service");
        project.put("web_url", webUrl);
        project.put("git_ssh_url", "git@gitlab.acme.example:" + repo + ".git");
        project.put("git_http_url", webUrl + ".git");
        project.put("namespace", repo.substring(0, repo.lastIndexOf('/')));
        project.put("path_with_namespace", repo);
        project.put("default_branch", "main");
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
        byte[] body = PayloadTemplate.bytes(root);
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
}
