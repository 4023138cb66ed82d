package io.decisionlog.ciaudit.ingest;

import io.decisionlog.events.errors.BadRequest;
import io.decisionlog.ciaudit.Fixtures;
import io.decisionlog.events.CiDispatch;
import io.decisionlog.events.CiRun;
import io.decisionlog.events.DecisionIds;
import io.decisionlog.events.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GitHubDeliveriesTest {
    private static final Instant NOW = Instant.parse("2024-04-10T09:20:00Z");
    private final GitHubDeliveries gitHub = new GitHubDeliveries(DecisionIds.defaults());

    @Test
    void shouldNormalizeACompletedWorkflowRun() {
        CiRun run = run("workflow_run", Fixtures.bytes("github/workflow_run.completed.payload.json"));
        assertThat(run.provider()).isEqualTo("github");
        assertThat(run.repo()).isEqualTo("octo-org/octo-repo");
        assertThat(run.runId()).isEqualTo("289782451");
        assertThat(run.attempt()).isEqualTo(1);
        assertThat(run.key()).isEqualTo("github:octo-org/octo-repo:289782451:1");
        assertThat(run.headSha()).isEqualTo("3484a3fb816e0859fd6e1cea078d76385ff50625");
        assertThat(run.workflowPath()).isEqualTo(".github/workflows/test.yml");
        assertThat(run.status()).isEqualTo("completed");
        assertThat(run.conclusion()).isEqualTo("success");
        assertThat(run.updatedAt()).isEqualTo(Instant.parse("2020-10-05T16:33:49Z"));
        assertThat(run.completedAt()).isEqualTo(run.updatedAt());
        assertThat(run.actor()).isEqualTo("Codertocat");
        assertThat(run.title()).isEqualTo("ci(action): update actions/setup-node digest to 8c91899");
        assertThat(run.deliveryId()).isEqualTo("delivery-1");
        assertThat(run.receivedAt()).isEqualTo(NOW);
        assertThat(run.decisionIds()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"workflow_run.requested.payload.json", "workflow_run.requested.with-conclusion.payload.json",
            "workflow_run.completed.with-pull-requests.payload.json"})
    void shouldAcceptEveryWorkflowRunFixture(String fixture) {
        CiRun run = run("workflow_run", Fixtures.bytes("github/" + fixture));
        assertThat(run.headSha()).hasSize(40);
        assertThat(run.status()).isIn("requested", "queued", "completed");
    }

    @Test
    void shouldKeepTheDecisionIdOfADispatchedRunInItsTitle() {
        CiRun run = run("workflow_run", Fixtures.bytes("own/github.workflow_run.dispatched-with-decision-title.json"));
        assertThat(run.event()).isEqualTo("workflow_dispatch");
        assertThat(run.title()).contains("D-2024-087");
        assertThat(run.actor()).isEqualTo("li.wei");
        assertThat(run.workflowPath()).isEqualTo(".github/workflows/deploy.yml");
        // the title is matched by decision-graph (ci_title); decision_ids holds explicit inputs only (ci_input)
        assertThat(run.decisionIds()).isEmpty();
    }

    @Test
    void shouldTurnAWorkflowDispatchIntoADispatchWithItsDecision() {
        Normalized normalized = gitHub.normalize("workflow_dispatch", "d-1",
                Fixtures.bytes("own/github.workflow_dispatch.with-decision.json"), NOW);
        CiDispatch dispatch = ((Normalized.Dispatch) normalized).dispatch();
        assertThat(dispatch.repo()).isEqualTo("acme/payments");
        assertThat(dispatch.workflowPath()).isEqualTo(".github/workflows/deploy.yml");
        assertThat(dispatch.ref()).isEqualTo("refs/heads/main");
        assertThat(dispatch.sender()).isEqualTo("li.wei");
        assertThat(dispatch.decisionIds()).containsExactly("D-2024-087");
        assertThat(dispatch.reason()).isEqualTo("gray-release the downgrade switch");
        assertThat(dispatch.inputs()).containsEntry("environment", "production");
        assertThat(dispatch.key()).isEqualTo("github:acme/payments:d-1");
    }

    @Test
    void shouldAcceptTheUpstreamDispatchFixtureWithoutADecision() {
        CiDispatch dispatch = ((Normalized.Dispatch) gitHub.normalize("workflow_dispatch", "d-2",
                Fixtures.bytes("github/workflow_dispatch.payload.json"), NOW)).dispatch();
        assertThat(dispatch.inputs()).containsEntry("name", "Mona the Octocat");
        assertThat(dispatch.decisionIds()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"workflow_job.completed.failure.with-organization.payload.json",
            "workflow_job.completed.success.with-organization.payload.json", "workflow_job.in_progress.payload.json",
            "workflow_job.in_progress.with-queued-steps.payload.json", "workflow_job.queued.payload.json",
            "workflow_job.queued.with-deployment.payload.json", "workflow_job.waiting.payload.json"})
    void shouldNeverCreateARunFromAWorkflowJob(String fixture) {
        assertThat(gitHub.normalize("workflow_job", "j", Fixtures.bytes("github/" + fixture), NOW))
                .isInstanceOf(Normalized.Ignored.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ping.payload.json", "ping.with-app_id.payload.json", "ping.with-organization.payload.json"})
    void shouldAnswerPings(String fixture) {
        assertThat(gitHub.normalize("ping", "p", Fixtures.bytes("github/" + fixture), NOW))
                .isEqualTo(new Normalized.Ignored("ping: the webhook is set up"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"push.1.payload.json", "push.payload.json", "push.with-installation.payload.json",
            "push.with-new-branch.payload.json", "push.with-no-username-committer.payload.json",
            "push.with-organization.payload.json"})
    void shouldIgnoreOtherEvents(String fixture) {
        assertThat(gitHub.normalize("push", "p", Fixtures.bytes("github/" + fixture), NOW))
                .isInstanceOf(Normalized.Ignored.class);
    }

    @Test
    void shouldNameTheFieldWhenTheShaIsMissingOrMalformed() {
        String payload = Fixtures.text("github/workflow_run.completed.payload.json");
        assertThatThrownBy(() -> run("workflow_run", payload.replace("\"head_sha\"", "\"was_head_sha\"").getBytes()))
                .isInstanceOf(BadRequest.class).hasMessage("workflow_run.head_sha is missing")
                .extracting("field").isEqualTo("workflow_run.head_sha");
        assertThatThrownBy(() -> run("workflow_run", payload.replace("3484a3fb816e0859fd6e1cea078d76385ff50625", "3484a3f").getBytes()))
                .isInstanceOf(BadRequest.class).hasMessageContaining("40 or 64 hex digits");
    }

    @Test
    void shouldRefuseARepositoryThatIsNotOwnerSlashName() {
        String payload = Fixtures.text("github/workflow_run.completed.payload.json")
                .replace("\"full_name\": \"octo-org/octo-repo\"", "\"full_name\": \"octo-repo\"");
        assertThatThrownBy(() -> run("workflow_run", payload.getBytes()))
                .isInstanceOf(BadRequest.class).hasMessageContaining("repository.full_name must name a repository as owner/name");
    }

    @Test
    void shouldSayWhereJsonIsMalformed() {
        assertThatThrownBy(() -> run("workflow_run", "{\"workflow_run\": {\"id\": 1,,}}".getBytes()))
                .isInstanceOf(BadRequest.class).hasMessageContaining("malformed JSON at line 1, column");
    }

    @Test
    void shouldReduceA25MegabytePayloadToASmallRecord() {
        String payload = Fixtures.text("github/workflow_run.completed.payload.json");
        String padding = "\"padding\": [" + "\"x\",".repeat(6_300_000) + "\"x\"],";
        byte[] huge = payload.replaceFirst("\\{", "{" + padding).getBytes(StandardCharsets.UTF_8);
        assertThat(huge.length).isGreaterThan(25_000_000);
        CiRun run = run("workflow_run", huge);
        assertThat(Topics.CI_RUNS.valueSerde().serialize(Topics.CI_RUNS.name(), run).length).isLessThan(2_000);
    }

    @Test
    void shouldCapAHugeTitleSoNoRecordNearsKafkasLimit() {
        String payload = Fixtures.text("github/workflow_run.completed.payload.json")
                .replace("ci(action): update actions/setup-node digest to 8c91899", "D-2024-087 " + "t".repeat(3_000_000));
        CiRun run = run("workflow_run", payload.getBytes(StandardCharsets.UTF_8));
        assertThat(run.title()).startsWith("D-2024-087").hasSizeLessThanOrEqualTo(Fields.MAX_TEXT + 1);
        assertThat(Topics.CI_RUNS.valueSerde().serialize(Topics.CI_RUNS.name(), run).length).isLessThan(1_000_000);
    }

    private CiRun run(String event, byte[] body) {
        return ((Normalized.Run) gitHub.normalize(event, "delivery-1", body, NOW)).run();
    }
}
