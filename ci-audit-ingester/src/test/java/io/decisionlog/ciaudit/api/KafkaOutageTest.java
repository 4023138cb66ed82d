package io.decisionlog.ciaudit.api;

import io.decisionlog.deploy.local.TopicSnapshot;
import io.decisionlog.deploy.local.Wait;
import io.decisionlog.events.Topics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** While Kafka is down the sender is told to retry (503, never 4xx); its retry afterwards lands exactly once. */
@QuarkusTest
@TestProfile(OwnBroker.Profile.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class KafkaOutageTest {

    @Test
    void shouldAnswer503WhileKafkaIsDownAndRecordTheRedeliveryOnce() {
        Wait.until("the ingester to be ready", Duration.ofSeconds(60),
                () -> given().get("/q/health/ready").statusCode() == 200);
        long runId = System.nanoTime() % 1_000_000_000L + 1;
        byte[] body = GitHubPayloads.workflowRun(runId, "completed", "2020-10-05T16:33:49Z");
        String delivery = UUID.randomUUID().toString();

        byte[] before = GitHubPayloads.workflowRun(runId + 1, "completed", "2020-10-05T16:33:49Z");
        assertThat(deliver(UUID.randomUUID().toString(), before).statusCode())
                .as("a delivery before the outage, so the producer knows the topic and waits for acks, not metadata")
                .isEqualTo(202);

        OwnBroker.stopBroker();
        long started = System.nanoTime();
        Response refused = deliver(delivery, body);
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.header("Retry-After")).isEqualTo("10");
        assertThat(refused.jsonPath().getString("message")).contains("not acknowledged: retry");
        assertThat(tookMillis).as("503 within GitHub's 10 s").isLessThan(9_000);

        OwnBroker.startBroker();
        assertThat(deliver(delivery, body).statusCode()).isEqualTo(202);
        assertThat(deliver(delivery, body).statusCode()).isEqualTo(200);
        assertThat(TopicSnapshot.records(OwnBroker.bootstrapServers(), Topics.CI_RUNS.name(),
                ("github:octo-org/octo-repo:" + runId + ":1")::equals)).hasSize(1);
    }

    private static Response deliver(String delivery, byte[] body) {
        return given().contentType(ContentType.JSON).header("X-GitHub-Event", "workflow_run")
                .header("X-GitHub-Delivery", delivery).header("X-Hub-Signature-256", GitHubPayloads.sign(body))
                .body(body).post("/webhooks/github");
    }
}
