package io.decisionlog.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.decisionlog.cli.demo.SampleTeam.Built;
import io.decisionlog.cli.demo.SampleTeam.Step;
import io.decisionlog.events.webhook.GitHubSignature;
import io.decisionlog.events.errors.Unauthorized;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.blame.BlameResult;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

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
    void shouldLinkThreeCommitsEachByADifferentPath() throws Exception {
        List<ChainWait.Target> targets = ChainWait.targets(team);
        assertThat(targets).extracting(ChainWait.Target::step).containsExactly(Step.RETRIES, Step.BATCHING, Step.THREE_DS);

        // RETRIES: a Decision trailer of its own, and the deploy run on it whose title names the same decision
        JsonNode deploy = CiWebhooks.gitHubWorkflowRun(SampleRuns.titledDeploy(team), "delivery-1", SECRET).json()
                .path("workflow_run");
        assertThat(decisionIds(team.commits().get(Step.RETRIES).message())).containsExactly("D-2024-087");
        assertThat(deploy.path("head_sha").asText()).isEqualTo(team.sha(Step.RETRIES));
        assertThat(decisionIds(deploy.path("display_title").asText())).containsExactly("D-2024-087");

        // BATCHING: no decision in its message; a dispatch's decision_id reaches it through the run on the merge
        // commit that brought it into main (minutes name it by a short sha as well)
        assertThat(decisionIds(team.commits().get(Step.BATCHING).message())).isEmpty();
        JsonNode dispatch = CiWebhooks.gitHubWorkflowDispatch(SampleTeam.REPO, SampleTeam.RELEASE_WORKFLOW,
                "refs/heads/" + SampleTeam.BRANCH, SampleTeam.CARLOS_MENDES.login(), SampleRuns.dispatchInputs(),
                "delivery-2", SECRET).json();
        Instant dispatched = Instant.parse("2026-01-05T10:00:00Z");
        JsonNode release = CiWebhooks.gitHubWorkflowRun(SampleRuns.dispatchedRelease(team, dispatched, dispatched),
                "delivery-3", SECRET).json().path("workflow_run");
        assertThat(dispatch.path("inputs").path("decision_id").asText()).isEqualTo("D-2024-091");
        assertThat(decisionIds(release.path("display_title").asText())).isEmpty();
        assertThat(release.path("head_sha").asText()).isEqualTo(team.sha(Step.MERGE));
        assertThat(broughtInBy(team.sha(Step.BATCHING), team.sha(Step.MERGE))).isTrue();
        assertThat(broughtInBy(team.sha(Step.IMAGE), team.sha(Step.MERGE))).as("a commit on main before the merge").isFalse();

        // THREE_DS: no decision in its message; the GitLab pipeline on it carries one in a DECISION_ID variable
        assertThat(decisionIds(team.commits().get(Step.THREE_DS).message())).isEmpty();
        JsonNode pipeline = CiWebhooks.gitLabPipeline(SampleRuns.compliancePipeline(team), "key-1", "demo-token").json()
                .path("object_attributes");
        assertThat(pipeline.path("sha").asText()).isEqualTo(team.sha(Step.THREE_DS));
        assertThat(pipeline.path("variables")).anySatisfy(v -> {
            assertThat(v.path("key").asText()).isEqualTo("DECISION_ID");
            assertThat(v.path("value").asText()).isEqualTo("D-2025-003");
        });

        // and what the demo traces for each is a line that commit wrote
        try (Git git = Git.open(team.payments().toFile())) {
            for (ChainWait.Target target : targets) {
                assertThat(target.sha()).isEqualTo(team.sha(target.step()));
                BlameResult blame = git.blame().setFilePath(target.line().path()).call();
                assertThat(blame.getSourceCommit(target.line().line() - 1).getName()).as(target.line().label())
                        .isEqualTo(target.sha());
            }
        }
    }

    private static List<String> decisionIds(String text) {
        return Pattern.compile("\\bD-\\d{4}-\\d{3}\\b").matcher(text).results().map(MatchResult::group).toList();
    }

    /** True when {@code merge} is a merge commit whose second parent has {@code commit} and whose first has not. */
    private static boolean broughtInBy(String commit, String merge) throws Exception {
        try (Git git = Git.open(team.payments().toFile()); RevWalk walk = new RevWalk(git.getRepository())) {
            RevCommit mergeCommit = walk.parseCommit(ObjectId.fromString(merge));
            assertThat(mergeCommit.getParentCount()).as("parents of the merge").isEqualTo(2);
            return reaches(git, mergeCommit.getParent(1), commit) && !reaches(git, mergeCommit.getParent(0), commit);
        }
    }

    private static boolean reaches(Git git, ObjectId tip, String commit) throws Exception {
        try (RevWalk walk = new RevWalk(git.getRepository())) {
            return walk.isMergedInto(walk.parseCommit(ObjectId.fromString(commit)), walk.parseCommit(tip));
        }
    }
}
