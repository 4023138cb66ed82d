package io.decisionlog.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.decisionlog.cli.demo.SampleTeam.Built;
import io.decisionlog.cli.demo.SampleTeam.Step;
import io.decisionlog.events.webhook.GitHubSignature;
import io.decisionlog.events.errors.Unauthorized;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CiWebhooksTest {
    private static final String SECRET = "demo-github-secret";

    @TempDir
    static Path dir;
    static Built team;

    @BeforeAll
    static void build() throws Exception {
        team = SampleTeam.build(dir.resolve("demo"));
    }

    @Test
    void shouldSignLikeGitHubDoes() {
        // the test vector of GitHub's documentation
        assertThat(CiWebhooks.gitHubSignature("It's a Secret to Everybody", "Hello, World!".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
    }

    @Test
    void shouldBuildAWorkflowRunThatTheIngestersVerifierAccepts() {
        CiWebhooks.Delivery delivery = CiWebhooks.gitHubWorkflowRun(SampleRuns.titledDeploy(team), "delivery-1", SECRET);

        assertThat(delivery.endpoint()).isEqualTo("/webhooks/github");
        assertThat(delivery.headers()).containsEntry("X-GitHub-Event", "workflow_run")
                .containsEntry("X-GitHub-Delivery", "delivery-1").containsEntry("Content-Type", "application/json");
        GitHubSignature verifier = new GitHubSignature(List.of("old-secret", SECRET));
        assertThatCode(() -> verifier.verify(delivery.headers().get("X-Hub-Signature-256"), delivery.body()))
                .doesNotThrowAnyException();
        byte[] tampered = new String(delivery.body(), StandardCharsets.UTF_8).replace("success", "failure")
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> verifier.verify(delivery.headers().get("X-Hub-Signature-256"), tampered))
                .isInstanceOf(Unauthorized.class);

        JsonNode json = delivery.json();
        assertThat(json.path("action").asText()).isEqualTo("completed");
        assertThat(json.path("repository").path("full_name").asText()).isEqualTo("acme/payments");
        JsonNode run = json.path("workflow_run");
        assertThat(run.path("id").asLong()).isEqualTo(8_612_004_517L);
        assertThat(run.path("head_sha").asText()).isEqualTo(team.sha(Step.RETRIES));
        assertThat(run.path("head_branch").asText()).isEqualTo("main");
        assertThat(run.path("display_title").asText()).isEqualTo("Deploy D-2024-087");
        assertThat(run.path("path").asText()).isEqualTo(SampleTeam.DEPLOY_WORKFLOW);
        assertThat(run.path("status").asText()).isEqualTo("completed");
        assertThat(run.path("conclusion").asText()).isEqualTo("success");
        assertThat(run.path("actor").path("login").asText()).isEqualTo("li-wei");
        assertThat(run.path("html_url").asText()).isEqualTo("https://github.com/acme/payments/actions/runs/8612004517");
        assertThat(Instant.parse(run.path("run_started_at").asText()))
                .isAfter(team.commits().get(Step.RETRIES).authoredAt());
        assertThat(Instant.parse(run.path("updated_at").asText())).isAfter(Instant.parse(run.path("run_started_at").asText()));
        assertThat(run.path("head_commit").path("message").asText()).contains("Decision: D-2024-087");
        // nothing of the template's repository or user is left
        String body = new String(delivery.body(), StandardCharsets.UTF_8);
        assertThat(body).doesNotContain("octo-org").doesNotContain("octo-repo").doesNotContain("Codertocat");
    }

    @Test
    void shouldBuildADispatchAndTheRunItCausedSoThatTheyCorrelate() {
        CiWebhooks.Delivery dispatch = CiWebhooks.gitHubWorkflowDispatch("acme/payments", SampleTeam.RELEASE_WORKFLOW,
                "refs/heads/main", "carlos-mendes", SampleRuns.dispatchInputs(), "delivery-2", SECRET);
        Instant dispatched = Instant.parse("2026-01-05T10:00:00Z");
        CiWebhooks.Delivery run = CiWebhooks.gitHubWorkflowRun(
                SampleRuns.dispatchedRelease(team, dispatched.plusSeconds(1), dispatched.plusSeconds(3)), "delivery-3", SECRET);

        GitHubSignature verifier = new GitHubSignature(List.of(SECRET));
        assertThatCode(() -> verifier.verify(dispatch.headers().get("X-Hub-Signature-256"), dispatch.body()))
                .doesNotThrowAnyException();
        assertThat(dispatch.headers()).containsEntry("X-GitHub-Event", "workflow_dispatch");
        JsonNode d = dispatch.json();
        assertThat(d.path("inputs").path("decision_id").asText()).isEqualTo("D-2024-091");
        assertThat(d.path("inputs").path("reason").asText()).isNotBlank();
        assertThat(d.path("inputs").has("name")).isFalse();
        assertThat(d.path("repository").path("full_name").asText()).isEqualTo("acme/payments");

        JsonNode r = run.json().path("workflow_run");
        // the correlation group of decision-graph: repository, workflow path, ref/branch, sender/actor
        assertThat(r.path("event").asText()).isEqualTo("workflow_dispatch");
        assertThat(r.path("path").asText()).isEqualTo(d.path("workflow").asText());
        assertThat("refs/heads/" + r.path("head_branch").asText()).isEqualTo(d.path("ref").asText());
        assertThat(r.path("actor").path("login").asText()).isEqualTo(d.path("sender").path("login").asText());
        assertThat(run.json().path("repository").path("full_name").asText()).isEqualTo("acme/payments");
        // on the merge commit, started a few seconds after the dispatch, with no decision in its title
        assertThat(r.path("head_sha").asText()).isEqualTo(team.sha(Step.MERGE));
        assertThat(Instant.parse(r.path("run_started_at").asText())).isEqualTo(dispatched.plusSeconds(1));
        assertThat(r.path("display_title").asText()).doesNotContain("D-2024");
    }

    @Test
    void shouldBuildAGitLabPipelineWithTheDecisionVariableAndToken() {
        CiWebhooks.Delivery delivery = CiWebhooks.gitLabPipeline(SampleRuns.compliancePipeline(team), "key-1", "demo-token");

        assertThat(delivery.endpoint()).isEqualTo("/webhooks/gitlab");
        assertThat(delivery.headers()).containsEntry("X-Gitlab-Event", "Pipeline Hook")
                .containsEntry("X-Gitlab-Token", "demo-token").containsEntry("Idempotency-Key", "key-1");
        JsonNode json = delivery.json();
        JsonNode attributes = json.path("object_attributes");
        assertThat(json.path("object_kind").asText()).isEqualTo("pipeline");
        assertThat(attributes.path("sha").asText()).isEqualTo(team.sha(Step.THREE_DS));
        assertThat(attributes.path("status").asText()).isEqualTo("success");
        assertThat(attributes.path("ref").asText()).isEqualTo("main");
        assertThat(attributes.path("variables")).anySatisfy(v -> {
            assertThat(v.path("key").asText()).isEqualTo("DECISION_ID");
            assertThat(v.path("value").asText()).isEqualTo("D-2025-003");
        });
        assertThat(attributes.path("variables")).noneSatisfy(v -> assertThat(v.path("key").asText())
                .isEqualTo("NESTOR_PROD_ENVIRONMENT"));
        DateTimeFormatter gitlab = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");
        assertThat(attributes.path("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC");
        assertThat(gitlab.parse(attributes.path("finished_at").asText())).isNotNull();
        assertThat(json.path("project").path("path_with_namespace").asText()).isEqualTo("acme/payments");
        assertThat(json.path("commit").path("title").asText()).isEqualTo("Require a 3DS2 challenge for EU cards");
        assertThat(json.has("merge_request")).isFalse();
        assertThat(new String(delivery.body(), StandardCharsets.UTF_8)).doesNotContain("gitlab-org/gitlab-test");
    }

    @Test
    void shouldSendUnsignedWhenNoSecretIsConfigured() {
        CiWebhooks.Delivery github = CiWebhooks.gitHubWorkflowRun(SampleRuns.titledDeploy(team), "d", null);
        CiWebhooks.Delivery gitlab = CiWebhooks.gitLabPipeline(SampleRuns.compliancePipeline(team), "k", " ");
        assertThat(github.headers()).doesNotContainKey("X-Hub-Signature-256");
        assertThat(gitlab.headers()).doesNotContainKey("X-Gitlab-Token");
    }

    @Test
    void shouldSignWithTheFirstOfSeveralConfiguredSecrets() {
        assertThat(CiWebhooks.firstSecret(" new-secret , old-secret")).isEqualTo("new-secret");
        assertThat(CiWebhooks.firstSecret(" , ")).isNull();
        assertThat(CiWebhooks.firstSecret(null)).isNull();
    }

    @Test
    void shouldLinkThreeCommitsEachByADifferentPath() {
        List<ChainWait.Target> targets = ChainWait.targets(team);
        assertThat(targets).extracting(ChainWait.Target::step).containsExactly(Step.RETRIES, Step.BATCHING, Step.THREE_DS);
        assertThat(targets).allSatisfy(t -> {
            assertThat(t.sha()).isEqualTo(team.sha(t.step()));
            assertThat(t.line().writtenBy()).isEqualTo(t.step());
        });
        Map<String, String> inputs = SampleRuns.dispatchInputs();
        assertThat(inputs).containsEntry("decision_id", "D-2024-091").containsKey("reason");
    }
}
