package io.decisionlog.ciaudit.api;

import io.decisionlog.ciaudit.pull.FakeGitHub;
import io.decisionlog.deploy.local.LocalRuntimeResource;
import io.decisionlog.deploy.local.RuntimeTest;
import io.decisionlog.deploy.local.TestTokens;
import io.decisionlog.deploy.local.TopicSnapshot;
import io.decisionlog.deploy.local.Wait;
import io.decisionlog.events.CiRun;
import io.decisionlog.events.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * CI sources against the real broker and a fake GitHub on loopback: a run the webhooks missed arrives by the pull, a
 * run delivered both ways is one run, a newer webhook status is never overwritten by an older pull, and the
 * registration obeys the outbound rule and never shows or publishes a token.
 */
@QuarkusTest
@QuarkusTestResource(LocalRuntimeResource.class)
@RuntimeTest
class CiSourcesTest {
    private static final String REPO = "octo-org/octo-repo";
    private static final String WEBHOOK_UPDATED = "2020-10-05T16:33:49Z";

    private static FakeGitHub github;
    private static String operator;

    @BeforeAll
    static void start() throws Exception {
        github = new FakeGitHub();
    }

    /** The app is up only once a test runs: the operator's token is minted then, once. */
    @org.junit.jupiter.api.BeforeEach
    void operator() {
        if (operator == null) {
            operator = TestTokens.mint("operator", List.of());
            TestTokens.awaitAccepted(() -> given().header("Authorization", "Bearer " + operator)
                    .get("/api/v1/ci-sources").statusCode());
        }
    }

    @AfterAll
    static void stop() {
        github.close();
    }

    @Test
    void runsTheWebhooksMissedArriveByThePullAndEveryRunIsOneRun() {
        Instant recent = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
        long missed = newRunId();
        long both = newRunId();
        long later = newRunId();
        String sha = "d6fde92930d4715a2b49857d24b940956b26d2d3";
        // missed: the service was down when GitHub delivered it; both: delivered, and the API says the same
        github.add(new FakeGitHub.Run(missed, recent, recent.plusSeconds(60), "completed", "success", sha, "Deploy D-2024-087"));
        github.add(new FakeGitHub.Run(both, recent, Instant.parse(WEBHOOK_UPDATED), "completed", "success", sha, "Deploy"));
        github.add(new FakeGitHub.Run(later, recent, Instant.parse("2020-10-05T16:33:30Z"), "in_progress", null, sha, "Deploy"));
        webhook(both, "completed", WEBHOOK_UPDATED).statusCode(202);

        String id = "gh-" + missed;
        register(Map.of("id", id, "provider", "github", "repo", REPO, "api_url", github.apiUrl(),
                "credentials_ref", "gh-test", "backfill_days", 2)).statusCode(202)
                .body("credentials_ref", equalTo("gh-test"));
        awaitPass(id, 1);

        CiRun pulled = only(missed);
        assertThat(pulled.origin()).isEqualTo(CiRun.PULL);
        assertThat(pulled.title()).isEqualTo("Deploy D-2024-087");
        assertThat(only(both).origin()).isNull(); // the webhook's record, not a second one
        assertThat(only(later).status()).isEqualTo("in_progress");

        // the run completes; the webhook says so; the API, behind, still says in_progress at the next pass
        webhook(later, "completed", WEBHOOK_UPDATED).statusCode(202);
        given().header("Authorization", "Bearer " + operator).post("/api/v1/ci-sources/" + id + "/sync")
                .then().statusCode(202);
        awaitPass(id, 2);
        assertThat(records(later)).extracting(CiRun::status).containsExactly("in_progress", "completed");
        assertThat(records(both)).hasSize(1);
        assertThat(records(missed)).hasSize(1);

        assertThat(github.authorizations()).containsOnly("Bearer fake-github-token");
        String stored = TopicSnapshot.records(Topics.CI_SOURCES.name(), id).stream()
                .map(r -> new String(r.value(), StandardCharsets.UTF_8)).reduce("", String::concat);
        assertThat(stored).contains("gh-test").doesNotContain("fake-github-token");
        given().header("Authorization", "Bearer " + operator).get("/api/v1/ci-sources/" + id).then()
                .body("backfill_percent", equalTo(100)).body(org.hamcrest.Matchers.not(containsString("fake-github")));
    }

    @Test
    void aRegistrationMayReachOnlyWhatTheOutboundRuleAllowsAndSendATokenOnlyToItsHost() {
        register(Map.of("id", "metadata", "provider", "github", "repo", REPO,
                "api_url", "https://169.254.169.254/latest")).statusCode(400)
                .body("field", equalTo("api_url")).body("message", containsString("link-local"));
        register(Map.of("id", "elsewhere", "provider", "github", "repo", REPO,
                "api_url", github.apiUrl().replace("127.0.0.1", "localhost"), "credentials_ref", "gh-test"))
                .statusCode(400).body("field", equalTo("credentials_ref"))
                .body("message", containsString("bound to 127.0.0.1, not to localhost"));
        register(Map.of("id", "unknown-ref", "provider", "github", "repo", REPO, "api_url", github.apiUrl(),
                "credentials_ref", "nope")).statusCode(400).body("message", containsString("no credentials named nope"));
        register(Map.of("id", "Bad Id", "provider", "github", "repo", REPO, "api_url", github.apiUrl()))
                .statusCode(400).body("field", equalTo("id"));

        String reader = TestTokens.mint("reader", List.of("acme/other"));
        TestTokens.awaitAccepted(() -> given().header("Authorization", "Bearer " + reader)
                .get("/api/v1/ci-sources").statusCode());
        given().header("Authorization", "Bearer " + reader).contentType(ContentType.JSON)
                .body(Map.of("id", "x", "provider", "github", "repo", REPO, "api_url", github.apiUrl()))
                .post("/api/v1/ci-sources").then().statusCode(403);
        given().get("/api/v1/ci-sources").then().statusCode(401);
    }

    @Test
    void aSourceOfAnotherRepositoryIsNotThereForAScopedReader() {
        String id = "scoped-" + newRunId();
        register(Map.of("id", id, "provider", "github", "repo", REPO, "api_url", github.apiUrl(),
                "credentials_ref", "gh-test", "backfill_days", 0)).statusCode(202);
        String reader = TestTokens.mint("reader", List.of("acme/other"));
        TestTokens.awaitAccepted(() -> given().header("Authorization", "Bearer " + reader)
                .get("/api/v1/ci-sources").statusCode());
        given().header("Authorization", "Bearer " + reader).get("/api/v1/ci-sources/" + id).then().statusCode(404);
        assertThat(given().header("Authorization", "Bearer " + reader).get("/api/v1/ci-sources").jsonPath()
                .getList("id")).doesNotContain(id);
        given().header("Authorization", "Bearer " + operator).delete("/api/v1/ci-sources/" + id).then().statusCode(204);
        given().header("Authorization", "Bearer " + operator).get("/api/v1/ci-sources/" + id).then().statusCode(404);
    }

    private static io.restassured.response.ValidatableResponse register(Map<String, Object> body) {
        return given().header("Authorization", "Bearer " + operator).contentType(ContentType.JSON).body(body)
                .post("/api/v1/ci-sources").then();
    }

    private static io.restassured.response.ValidatableResponse webhook(long runId, String status, String updatedAt) {
        byte[] body = GitHubPayloads.workflowRun(runId, status, updatedAt);
        return given().contentType(ContentType.JSON).header("X-GitHub-Event", "workflow_run")
                .header("X-GitHub-Delivery", "d-" + runId + "-" + status).header("X-Hub-Signature-256",
                        GitHubPayloads.sign(body)).body(body).post("/webhooks/github").then();
    }

    /** Until the source has finished {@code passes} passes (its run count and last pull say so). */
    private static void awaitPass(String id, int passes) {
        long[] lastPull = {0};
        Wait.until("CI source " + id + " to finish pass " + passes, Duration.ofSeconds(60), () -> {
            Response status = given().header("Authorization", "Bearer " + operator).get("/api/v1/ci-sources/" + id);
            String at = status.jsonPath().getString("last_pull_at");
            boolean done = at != null && !status.jsonPath().getBoolean("running")
                    && status.jsonPath().getString("last_error") == null;
            if (done && Instant.parse(at).toEpochMilli() != lastPull[0]) {
                lastPull[0] = Instant.parse(at).toEpochMilli();
                return passCount(id) >= passes;
            }
            return done && passCount(id) >= passes;
        });
    }

    /** Passes are counted by the records that end them (a pass saves its source at least once, at its end). */
    private static long passCount(String id) {
        return TopicSnapshot.records(Topics.CI_SOURCES.name(), id).stream()
                .map(r -> Topics.CI_SOURCES.valueSerde().deserialize("", r.value()))
                .filter(source -> source != null && source.lastPullAt() != null)
                .map(source -> source.lastPullAt()).distinct().count();
    }

    private static List<CiRun> records(long runId) {
        List<ConsumerRecord<String, byte[]>> records = TopicSnapshot.records(Topics.CI_RUNS.name(),
                "github:" + REPO + ":" + runId + ":1");
        return records.stream().map(r -> Topics.CI_RUNS.valueSerde().deserialize("", r.value())).toList();
    }

    private static CiRun only(long runId) {
        List<CiRun> runs = records(runId);
        assertThat(runs).as("records of run " + runId).hasSize(1);
        return runs.get(0);
    }

    private static long newRunId() {
        return ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L);
    }
}
