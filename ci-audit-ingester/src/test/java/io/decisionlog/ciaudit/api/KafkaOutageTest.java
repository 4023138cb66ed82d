package io.decisionlog.ciaudit.api;

import io.decisionlog.ciaudit.publish.CiEventPublisher;
import io.decisionlog.deploy.local.RuntimeTest;
import io.decisionlog.deploy.local.TopicSnapshot;
import io.decisionlog.deploy.local.Wait;
import io.decisionlog.events.Topics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.decisionlog.deploy.local.AsAdmin.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * While Kafka is down the sender is told to retry (503, never 4xx) before GitHub gives up on the delivery (10 s);
 * its retry afterwards lands exactly once. The 10 s are proven from the configured timeouts and from the 503 naming
 * which of them fired, never by timing the request: a loaded machine answers later, not differently.
 */
@QuarkusTest
@TestProfile(OwnBroker.Profile.class)
@RuntimeTest
class KafkaOutageTest {
    /** GitHub's webhook timeout: a delivery not answered within it counts as failed, and is not retried by itself. */
    private static final long GITHUB_TIMEOUT_MS = 10_000;
    /** Kafka's own timeouts, as their TimeoutExceptions word them: waiting for metadata, or for a batch's acks. */
    private static final Pattern MAX_BLOCK = Pattern.compile(
            "Kafka did not acknowledge the record: Topic \\S+ not present in metadata after (\\d+) ms\\.");
    private static final Pattern DELIVERY_TIMEOUT = Pattern.compile(
            "Kafka did not acknowledge the record: Expiring \\d+ record\\(s\\) for \\S+:(\\d+) ms has passed since batch creation");

    @Inject
    KafkaProducer<String, byte[]> producer;

    @Test
    void shouldGiveUpOnKafkaWellWithinGitHubsTimeout() {
        Map<String, Object> config = producerConfig(producer);
        long maxBlock = millis(config, ProducerConfig.MAX_BLOCK_MS_CONFIG);
        long deliveryTimeout = millis(config, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG);
        long ackWait = CiEventPublisher.ACK_WAIT.toMillis();

        // send() blocks for metadata or buffer space up to max.block.ms; then the publisher waits for the acks, which
        // Kafka fails after delivery.timeout.ms, and which it stops waiting for itself after its ack wait
        assertThat(deliveryTimeout).as("Kafka's delivery timeout fires before the publisher's ack wait, so the 503 says why")
                .isLessThan(ackWait);
        assertThat(maxBlock + ackWait).as("max.block.ms %d + ack wait %d, the longest a delivery waits for Kafka", maxBlock, ackWait)
                .isLessThan(GITHUB_TIMEOUT_MS);
    }

    @Test
    void shouldAnswer503WhileKafkaIsDownAndRecordTheRedeliveryOnce() {
        Wait.until("the ingester to be ready", Duration.ofSeconds(60),
                () -> given().get("/q/health/ready").statusCode() == 200);
        long runId = System.nanoTime() % 1_000_000_000L + 1;
        byte[] body = GitHubPayloads.workflowRun(runId, "completed", "2020-10-05T16:33:49Z");
        String delivery = UUID.randomUUID().toString();

        byte[] before = GitHubPayloads.workflowRun(runId + 1, "completed", "2020-10-05T16:33:49Z");
        assertThat(deliver(UUID.randomUUID().toString(), before).statusCode())
                .as("a delivery before the outage, while the producer is connected").isEqualTo(202);

        OwnBroker.stopBroker();
        Response refused = deliver(delivery, body);
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.header("Retry-After")).isEqualTo("10");
        String message = refused.jsonPath().getString("message");
        assertThat(message).contains("not acknowledged: retry");
        // one of Kafka's configured timeouts gave up, with the bound it was given; not the publisher's last resort
        Map<String, Object> config = producerConfig(producer);
        Matcher metadata = MAX_BLOCK.matcher(message);
        Matcher expired = DELIVERY_TIMEOUT.matcher(message);
        if (metadata.lookingAt()) {
            assertThat(Long.parseLong(metadata.group(1))).isEqualTo(millis(config, ProducerConfig.MAX_BLOCK_MS_CONFIG));
        } else {
            assertThat(expired.lookingAt()).as("the 503 names a Kafka timeout: %s", message).isTrue();
            assertThat(Long.parseLong(expired.group(1)))
                    .isGreaterThanOrEqualTo(millis(config, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG));
        }

        OwnBroker.startBroker();
        assertThat(deliver(delivery, body).statusCode()).isEqualTo(202);
        assertThat(deliver(delivery, body).statusCode()).isEqualTo(200);
        assertThat(TopicSnapshot.records(OwnBroker.bootstrapServers(), Topics.CI_RUNS.name(),
                ("github:octo-org/octo-repo:" + runId + ":1")::equals)).hasSize(1);
    }

    /** The configuration the service's producer runs with (it keeps it to itself; kafka-clients' own field). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> producerConfig(KafkaProducer<?, ?> producer) {
        try {
            Field field = KafkaProducer.class.getDeclaredField("producerConfig");
            field.setAccessible(true);
            return (Map<String, Object>) ((ProducerConfig) field.get(producer)).values();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot read the producer's configuration from KafkaProducer.producerConfig", e);
        }
    }

    private static long millis(Map<String, Object> config, String key) {
        return ((Number) config.get(key)).longValue();
    }

    private static Response deliver(String delivery, byte[] body) {
        return given().contentType(ContentType.JSON).header("X-GitHub-Event", "workflow_run")
                .header("X-GitHub-Delivery", delivery).header("X-Hub-Signature-256", GitHubPayloads.sign(body))
                .body(body).post("/webhooks/github");
    }
}
