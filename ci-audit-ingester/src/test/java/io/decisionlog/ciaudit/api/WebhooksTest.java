package io.decisionlog.ciaudit.api;

import io.decisionlog.ciaudit.Fixtures;
import io.decisionlog.ciaudit.Signatures;
import io.decisionlog.deploy.local.LocalRuntimeResource;
import io.decisionlog.deploy.local.RuntimeTest;
import io.decisionlog.deploy.local.TestTokens;
import io.decisionlog.deploy.local.TopicSnapshot;
import io.decisionlog.deploy.local.Wait;
import io.decisionlog.events.CiRun;
import io.decisionlog.events.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.decisionlog.deploy.local.AsAdmin.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Every endpoint against the real broker: what the answer promises is what is on the topic. */
@QuarkusTest
@QuarkusTestResource(LocalRuntimeResource.class)
@RuntimeTest
class WebhooksTest {
    private static final String REPO = "octo-org/octo-repo";

    @Test
    void shouldAnswer202OnlyOnceTheRunIsOnTheTopic() {
        long runId = newRunId();
        byte[] body = GitHubPayloads.workflowRun(runId, "completed", "2020-10-05T16:33:49Z");
        github("workflow_run", UUID.randomUUID().toString(), GitHubPayloads.sign(body), body)
                .statusCode(202).body("status", equalTo("published")).body("key", equalTo(key(runId)));

        List<ConsumerRecord<String, byte[]>> records = TopicSnapshot.records(Topics.CI_RUNS.name(), key(runId));
        assertThat(records).hasSize(1);
        CiRun run = Topics.CI_RUNS.valueSerde().deserialize("", records.get(0).value());
        assertThat(run.runId()).isEqualTo(String.valueOf(runId));
        assertThat(run.conclusion()).isEqualTo("success");
    }

    @Test
    void shouldRecordThreeRedeliveriesAsOneRun() {
        long runId = newRunId();
        byte[] body = GitHubPayloads.workflowRun(runId, "completed", "2020-10-05T16:33:49Z");
        String delivery = UUID.randomUUID().toString();
        github("workflow_run", delivery, GitHubPayloads.sign(body), body).statusCode(202);
        for (int i = 0; i < 3; i++) {
            github("workflow_run", delivery, GitHubPayloads.sign(body), body)
                    .statusCode(200).body("status", equalTo("unchanged"));
        }
        assertThat(TopicSnapshot.records(Topics.CI_RUNS.name(), key(runId))).hasSize(1);
    }

    @Test
    void shouldNeverLetAStaleStatusOverwriteANewerOne() {
        long runId = newRunId();
        byte[] completed = GitHubPayloads.workflowRun(runId, "completed", "2020-10-05T16:33:49Z");
        byte[] staleInProgress = GitHubPayloads.workflowRun(runId, "in_progress", "2020-10-05T16:33:30Z");
        github("workflow_run", "d-completed-" + runId, GitHubPayloads.sign(completed), completed).statusCode(202);
        github("workflow_run", "d-stale-" + runId, GitHubPayloads.sign(staleInProgress), staleInProgress)
                .statusCode(200).body("status", equalTo("unchanged"));

        List<ConsumerRecord<String, byte[]>> records = TopicSnapshot.records(Topics.CI_RUNS.name(), key(runId));
        assertThat(records).hasSize(1);
        assertThat(Topics.CI_RUNS.valueSerde().deserialize("", records.get(0).value()).status()).isEqualTo("completed");
    }

    @Test
    void shouldPublishEachNewerStatusInOrder() {
        long runId = newRunId();
        byte[] queued = GitHubPayloads.workflowRun(runId, "queued", "2020-10-05T16:33:24Z");
        byte[] completed = GitHubPayloads.workflowRun(runId, "completed", "2020-10-05T16:33:49Z");
        github("workflow_run", "q-" + runId, GitHubPayloads.sign(queued), queued).statusCode(202);
        github("workflow_run", "c-" + runId, GitHubPayloads.sign(completed), completed).statusCode(202);
        assertThat(TopicSnapshot.records(Topics.CI_RUNS.name(), key(runId)))
                .extracting(r -> Topics.CI_RUNS.valueSerde().deserialize("", r.value()).status())
                .containsExactly("queued", "completed");
    }

    @Test
    void shouldRefuseBadSignaturesAndPublishNothing() {
        long runId = newRunId();
        byte[] body = GitHubPayloads.workflowRun(runId, "completed", "2020-10-05T16:33:49Z");
        github("workflow_run", "bad-1", "sha256=" + "0".repeat(64), body)
                .statusCode(401).body("error", equalTo("unauthorized")).body("message", containsString("does not match"));
        github("workflow_run", "bad-2", null, body).statusCode(401).body("message", containsString("missing"));
        github("workflow_run", "bad-3", "sha1=" + "0".repeat(40), body).statusCode(401);
        assertThat(TopicSnapshot.records(Topics.CI_RUNS.name(), key(runId))).isEmpty();
    }

    @Test
    void shouldAcceptTheSecretBeingRotatedOut() {
        long runId = newRunId();
        byte[] body = GitHubPayloads.workflowRun(runId, "completed", "2020-10-05T16:33:49Z");
        String oldSignature = Signatures.gitHub("test-secret-before-rotation", body);
        github("workflow_run", "rot-" + runId, oldSignature, body).statusCode(202);
    }

    @Test
    void shouldName400sFieldAndProblem() {
        byte[] noSha = new String(GitHubPayloads.workflowRun(newRunId(), "completed", "2020-10-05T16:33:49Z"),
                StandardCharsets.UTF_8).replace("\"head_sha\"", "\"no_sha\"").getBytes(StandardCharsets.UTF_8);
        github("workflow_run", "x", GitHubPayloads.sign(noSha), noSha)
                .statusCode(400).body("field", equalTo("workflow_run.head_sha"))
                .body("message", equalTo("workflow_run.head_sha is missing"));
        byte[] malformed = "{\"workflow_run\": {\"id\": 1,,}}".getBytes(StandardCharsets.UTF_8);
        github("workflow_run", "y", GitHubPayloads.sign(malformed), malformed)
                .statusCode(400).body("message", containsString("malformed JSON"));
    }

    @Test
    void shouldAnswer413BeforeReadingABodyOverTheLimit() throws Exception {
        byte[] big = new byte[6 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) ' ');
        // with Expect: 100-continue the client sends the body only if the server wants it: a 413 means it was refused
        // on its declared length, before any of it was buffered
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(io.restassured.RestAssured.baseURI + ":"
                                + io.restassured.RestAssured.port + "/webhooks/github"))
                        .expectContinue(true)
                        .header("X-GitHub-Event", "workflow_run")
                        .header("X-Hub-Signature-256", GitHubPayloads.sign(big))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(big)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void shouldAcknowledgePingsAndNeverCreateRunsFromJobs() {
        byte[] ping = Fixtures.bytes("github/ping.payload.json");
        github("ping", "p", GitHubPayloads.sign(ping), ping).statusCode(200).body("status", equalTo("ignored"));
        byte[] job = Fixtures.bytes("github/workflow_job.completed.success.with-organization.payload.json");
        github("workflow_job", "j", GitHubPayloads.sign(job), job).statusCode(200).body("status", equalTo("ignored"));
        assertThat(TopicSnapshot.records(Topics.CI_RUNS.name(), "github:octo-org/octo-repo:2202229078:1")).isEmpty();
    }

    @Test
    void shouldPublishADispatchOnceWhateverTheRedeliveries() {
        byte[] body = Fixtures.bytes("own/github.workflow_dispatch.with-decision.json");
        String delivery = UUID.randomUUID().toString();
        github("workflow_dispatch", delivery, GitHubPayloads.sign(body), body)
                .statusCode(202).body("topic", equalTo(Topics.CI_DISPATCHES.name()));
        github("workflow_dispatch", delivery, GitHubPayloads.sign(body), body).statusCode(200);
        assertThat(TopicSnapshot.records(Topics.CI_DISPATCHES.name(), "github:acme/payments:" + delivery)).hasSize(1);
    }

    @Test
    void shouldAuthenticateGitLabByTokenOrSignature() {
        byte[] body = Fixtures.bytes("own/gitlab.pipeline.with-decision-id.json");
        gitlab(body).header("X-Gitlab-Token", "wrong").post("/webhooks/gitlab").then().statusCode(401);
        gitlab(body).post("/webhooks/gitlab").then().statusCode(401);
        gitlab(body).header("X-Gitlab-Token", "gitlab-test-token").header("Idempotency-Key", UUID.randomUUID().toString())
                .post("/webhooks/gitlab").then().statusCode(org.hamcrest.Matchers.isOneOf(200, 202));

        String id = "msg_" + UUID.randomUUID();
        String timestamp = String.valueOf(System.currentTimeMillis() / 1000);
        String signature = Signatures.standardWebhook("gitlab-test-token", id, timestamp, body);
        gitlab(body).header("webhook-id", id).header("webhook-timestamp", timestamp).header("webhook-signature", signature)
                .post("/webhooks/gitlab").then().statusCode(org.hamcrest.Matchers.isOneOf(200, 202));
        assertThat(TopicSnapshot.records(Topics.CI_RUNS.name(), "gitlab:gitlab-org/gitlab-test:4242:1"))
                .extracting(r -> Topics.CI_RUNS.valueSerde().deserialize("", r.value()).decisionIds())
                .containsExactly(List.of("D-2025-007"));
    }

    @Test
    void shouldAuthenticateJenkinsByItsTokenAndTheApiByAnOperatorsApiToken() {
        byte[] jenkins = Fixtures.bytes("own/jenkins.notification.completed.json");
        given().body(jenkins).contentType(ContentType.JSON).post("/webhooks/jenkins").then().statusCode(401);
        given().body(jenkins).contentType(ContentType.JSON).queryParam("token", "jenkins-test-token")
                .post("/webhooks/jenkins").then().statusCode(org.hamcrest.Matchers.isOneOf(200, 202));

        byte[] cdevent = Fixtures.bytes("own/cdevents.pipelinerun_finished.with-custom-data.json");
        RestAssured.given().body(cdevent).contentType(ContentType.JSON).post("/api/v1/ci-runs").then().statusCode(401);
        String operator = TestTokens.mint("operator", List.of());
        Wait.until("the operator's token to be accepted", Duration.ofSeconds(30), () -> RestAssured.given()
                .header("Authorization", "Bearer " + operator).body(cdevent).contentType(ContentType.JSON)
                .post("/api/v1/ci-runs").statusCode() != 401);
        RestAssured.given().body(cdevent).contentType(ContentType.JSON).header("Authorization", "Bearer " + operator)
                .post("/api/v1/ci-runs").then().statusCode(org.hamcrest.Matchers.isOneOf(200, 202));
        assertThat(TopicSnapshot.records(Topics.CI_RUNS.name(), "cdevents:acme/payments:mySubject123:1")).hasSize(1);
        assertThat(TopicSnapshot.records(Topics.CI_RUNS.name(), "jenkins:acme/payments:77:1")).hasSize(1);
    }

    private static io.restassured.response.ValidatableResponse github(String event, String delivery, String signature,
                                                                       byte[] body) {
        var request = given().contentType(ContentType.JSON).header("X-GitHub-Event", event)
                .header("X-GitHub-Delivery", delivery).body(body);
        if (signature != null) {
            request.header("X-Hub-Signature-256", signature);
        }
        return request.post("/webhooks/github").then();
    }

    private static io.restassured.specification.RequestSpecification gitlab(byte[] body) {
        return given().contentType(ContentType.JSON).header("X-Gitlab-Event", "Pipeline Hook").body(body);
    }

    private static long newRunId() {
        return ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L);
    }

    private static String key(long runId) {
        return "github:" + REPO + ":" + runId + ":1";
    }
}
