package io.decisionlog.ciaudit.ingest;

import io.decisionlog.events.errors.BadRequest;
import io.decisionlog.ciaudit.Fixtures;
import io.decisionlog.events.CiRun;
import io.decisionlog.events.DecisionIds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** GitLab, Jenkins and the generic endpoint (normalized JSON and CDEvents). */
class OtherProvidersTest {
    private static final Instant NOW = Instant.parse("2024-04-10T09:20:00Z");
    private static final String SHA = "a9f3c1e0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6";
    private final DecisionIds ids = DecisionIds.defaults();
    private final GitLabPipelines gitLab = new GitLabPipelines(ids);
    private final JenkinsNotifications jenkins = new JenkinsNotifications(ids);
    private final GenericRuns generic = new GenericRuns(ids);

    @Test
    void shouldNormalizeTheGitLabPipelineFixture() {
        CiRun run = ((Normalized.Run) gitLab.normalize("Pipeline Hook", "idem-1",
                Fixtures.bytes("gitlab/pipeline.payload.json"), NOW)).run();
        assertThat(run.key()).isEqualTo("gitlab:gitlab-org/gitlab-test:31:1");
        assertThat(run.headSha()).isEqualTo("bcbb5ec396a2c0f828686f14fac9b80b780504f2");
        assertThat(run.headBranch()).isEqualTo("master");
        assertThat(run.actor()).isEqualTo("root");
        assertThat(run.status()).isEqualTo("completed");
        assertThat(run.conclusion()).isEqualTo("success");
        assertThat(run.startedAt()).isEqualTo(Instant.parse("2016-08-12T15:23:28Z"));
        assertThat(run.completedAt()).isEqualTo(Instant.parse("2016-08-12T15:26:29Z"));
        assertThat(run.url()).isEqualTo("http://192.168.64.1:3005/gitlab-org/gitlab-test/-/pipelines/31");
        assertThat(run.deliveryId()).isEqualTo("idem-1");
        assertThat(run.decisionIds()).isEmpty();
    }

    @Test
    void shouldTakeTheDecisionFromGitLabVariables() {
        CiRun run = ((Normalized.Run) gitLab.normalize("Pipeline Hook", "idem-2",
                Fixtures.bytes("own/gitlab.pipeline.with-decision-id.json"), NOW)).run();
        assertThat(run.decisionIds()).containsExactly("D-2025-007");
        assertThat(run.reason()).isEqualTo("rotate the payment provider keys");
        assertThat(run.event()).isEqualTo("web");
    }

    @Test
    void shouldIgnoreGitLabHooksThatAreNotPipelines() {
        assertThat(gitLab.normalize("Job Hook", "j", "{\"object_kind\":\"build\"}".getBytes(), NOW))
                .isInstanceOf(Normalized.Ignored.class);
    }

    @Test
    void shouldMapRunningGitLabPipelinesToInProgress() {
        String running = Fixtures.text("gitlab/pipeline.payload.json").replace("\"status\": \"success\"", "\"status\": \"running\"");
        CiRun run = ((Normalized.Run) gitLab.normalize("Pipeline Hook", "i", running.getBytes(), NOW)).run();
        assertThat(run.status()).isEqualTo("in_progress");
        assertThat(run.conclusion()).isNull();
        assertThat(run.completedAt()).isNull();
    }

    @Test
    void shouldNormalizeAJenkinsNotification() {
        CiRun run = ((Normalized.Run) jenkins.normalize(null, Fixtures.bytes("own/jenkins.notification.completed.json"), NOW)).run();
        assertThat(run.key()).isEqualTo("jenkins:acme/payments:77:1");
        assertThat(run.headSha()).isEqualTo(SHA);
        assertThat(run.status()).isEqualTo("completed");
        assertThat(run.conclusion()).isEqualTo("success");
        assertThat(run.startedAt()).isEqualTo(Instant.ofEpochMilli(1712740500000L));
        assertThat(run.updatedAt()).isEqualTo(Instant.ofEpochMilli(1712740500000L + 95000));
        assertThat(run.decisionIds()).containsExactly("D-2024-087");
        assertThat(run.reason()).isEqualTo("gray release, step 2");
    }

    @Test
    void shouldPreferTheRepoParameterForJenkins() {
        CiRun run = ((Normalized.Run) jenkins.normalize("acme/payments-fork",
                Fixtures.bytes("own/jenkins.notification.completed.json"), NOW)).run();
        assertThat(run.repo()).isEqualTo("acme/payments-fork");
        assertThat(JenkinsNotifications.repoOf("git@github.com:acme/payments.git")).isEqualTo("acme/payments");
    }

    @Test
    void shouldAcceptTheNormalizedRunJson() {
        String json = """
                {"repo":"acme/payments","run_id":"r-1","head_sha":"%s","status":"completed","conclusion":"success",
                 "decision_ids":["D-2024-087"],"reason":"manual deploy","updated_at":"2024-04-10T09:00:00Z"}"""
                .formatted(SHA.toUpperCase());
        CiRun run = ((Normalized.Run) generic.normalize(null, null, json.getBytes(), NOW)).run();
        assertThat(run.key()).isEqualTo("generic:acme/payments:r-1:1");
        assertThat(run.headSha()).isEqualTo(SHA);
        assertThat(run.decisionIds()).containsExactly("D-2024-087");
        assertThat(run.receivedAt()).isEqualTo(NOW);
    }

    @Test
    void shouldRefuseANormalizedRunWithAnInvalidDecisionIdOrStatus() {
        String badId = """
                {"repo":"acme/payments","run_id":"r-1","head_sha":"%s","status":"completed","decision_ids":["d-87"]}"""
                .formatted(SHA);
        assertThatThrownBy(() -> generic.normalize(null, null, badId.getBytes(), NOW))
                .isInstanceOf(BadRequest.class).hasMessageContaining("'d-87' is not a decision id");
        String badStatus = """
                {"repo":"acme/payments","run_id":"r-1","head_sha":"%s","status":"exploded"}""".formatted(SHA);
        assertThatThrownBy(() -> generic.normalize(null, null, badStatus.getBytes(), NOW))
                .isInstanceOf(BadRequest.class).extracting("field").isEqualTo("status");
    }

    @Test
    void shouldReadACdEventsPipelineRunWithCustomData() {
        CiRun run = ((Normalized.Run) generic.normalize(null, null,
                Fixtures.bytes("own/cdevents.pipelinerun_finished.with-custom-data.json"), NOW)).run();
        assertThat(run.provider()).isEqualTo("cdevents");
        assertThat(run.key()).isEqualTo("cdevents:acme/payments:mySubject123:1");
        assertThat(run.status()).isEqualTo("completed");
        assertThat(run.conclusion()).isEqualTo("success");
        assertThat(run.decisionIds()).containsExactly("ADR-2025-0012");
        assertThat(run.deliveryId()).isEqualTo("271069a8-fc18-44f1-b38f-9d70a1695819");
    }

    @Test
    void shouldReadAStructuredCloudEventAndTheBinaryMode() {
        String cdevent = Fixtures.text("own/cdevents.pipelinerun_finished.with-custom-data.json");
        String structured = "{\"specversion\":\"1.0\",\"type\":\"dev.cdevents.pipelinerun.finished.0.3.0\","
                + "\"id\":\"ce-1\",\"source\":\"/ci\",\"data\":" + cdevent + "}";
        assertThat(((Normalized.Run) generic.normalize(null, null, structured.getBytes(), NOW)).run().status())
                .isEqualTo("completed");
        CiRun binary = ((Normalized.Run) generic.normalize("dev.cdevents.pipelinerun.started.0.3.0", "ce-2",
                cdevent.getBytes(), NOW)).run();
        assertThat(binary.status()).isEqualTo("in_progress");
        assertThat(binary.deliveryId()).isEqualTo("ce-2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pipelinerun_queued.json", "pipelinerun_started.json", "pipelinerun_finished.json"})
    void shouldRefuseUpstreamPipelineRunsThatNameNoCommit(String fixture) {
        // the conformance examples carry no customData: there is no repository or sha to link, and the sender can fix it
        assertThatThrownBy(() -> generic.normalize(null, null, Fixtures.bytes("cdevents/" + fixture), NOW))
                .isInstanceOf(BadRequest.class).hasMessage("customData.repo is missing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"taskrun_started.json", "taskrun_finished.json"})
    void shouldIgnoreTaskRuns(String fixture) {
        assertThat(generic.normalize(null, null, Fixtures.bytes("cdevents/" + fixture), NOW))
                .isInstanceOf(Normalized.Ignored.class);
    }
}
