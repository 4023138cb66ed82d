package io.decisionlog.events.kafka;

import io.decisionlog.events.Topics;
import io.decisionlog.events.TrackedRepo;
import io.decisionlog.events.errors.KafkaUnavailable;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AckedBatchTest {
    private static final TrackedRepo REPO = new TrackedRepo("acme/a", "https://example.com/a.git", "main", List.of(),
            List.of(), null, null);

    private static MockProducer<String, byte[]> producer(boolean autoComplete) {
        return new MockProducer<>(autoComplete, null, new StringSerializer(), new ByteArraySerializer());
    }

    @Test
    void shouldReturnOnceEveryRecordIsAcknowledgedAndSendTombstonesAsNull() {
        MockProducer<String, byte[]> producer = producer(false);
        AckedBatch batch = new AckedBatch(producer, Duration.ofSeconds(5))
                .send(Topics.REPOS, "acme/a", REPO).send(Topics.REPOS, "acme/b", null);
        CompletableFuture<Integer> acknowledged = CompletableFuture.supplyAsync(batch::await);
        assertThat(acknowledged).isNotDone();

        producer.completeNext();
        producer.completeNext();

        assertThat(acknowledged.join()).isEqualTo(2);
        assertThat(producer.history()).extracting(r -> r.key()).containsExactly("acme/a", "acme/b");
        assertThat(producer.history().get(1).value()).isNull();
    }

    @Test
    void shouldSayHowManyRecordsWereNotAcknowledgedAndWhy() {
        MockProducer<String, byte[]> producer = producer(false);
        AckedBatch batch = new AckedBatch(producer, Duration.ofSeconds(5))
                .send(Topics.REPOS, "acme/a", REPO).send(Topics.REPOS, "acme/b", REPO);
        producer.completeNext();
        producer.errorNext(new TimeoutException("Expiring 1 record(s)"));

        assertThatThrownBy(batch::await).isInstanceOf(KafkaUnavailable.class)
                .hasMessage("Kafka did not acknowledge 1 of 2 records: Expiring 1 record(s)");
    }

    @Test
    void shouldGiveUpAfterTheAckTimeout() {
        AckedBatch batch = new AckedBatch(producer(false), Duration.ofMillis(1)).send(Topics.REPOS, "acme/a", REPO);

        assertThatThrownBy(batch::await).isInstanceOf(KafkaUnavailable.class)
                .hasMessage("Kafka did not acknowledge the record within 1 ms");
    }

    @Test
    void shouldTurnARefusedSendIntoKafkaUnavailable() {
        MockProducer<String, byte[]> producer = producer(true);
        producer.sendException = new KafkaException("producer closed");

        assertThatThrownBy(() -> AckedBatch.publish(producer, Duration.ofSeconds(1), Topics.REPOS, "acme/a", REPO))
                .isInstanceOf(KafkaUnavailable.class)
                .hasMessage("Kafka refused a record for decisionlog.git.repos.v1: producer closed");
    }
}
