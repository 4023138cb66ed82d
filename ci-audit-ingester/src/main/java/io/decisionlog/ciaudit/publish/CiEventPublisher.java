package io.decisionlog.ciaudit.publish;

import io.decisionlog.events.CiDispatch;
import io.decisionlog.events.CiRun;
import io.decisionlog.events.Topic;
import io.decisionlog.events.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes runs and dispatches and returns only once Kafka acknowledged them (acks=all, idempotent producer), so
 * a 202 means the record is durable. Per run key, check-publish-record is serialized, so two deliveries of the
 * same run racing each other cannot publish the older one last.
 */
public class CiEventPublisher {
    private static final int STRIPES = 256;
    /** Just above the producer's delivery timeout: the answer comes within ~8 s, under GitHub's 10 s. */
    private static final long ACK_WAIT_MS = 8_000;

    private final KafkaProducer<String, byte[]> producer;
    private final RunLedger ledger;
    private final Object[] stripes = new Object[STRIPES];

    public CiEventPublisher(KafkaProducer<String, byte[]> producer, RunLedger ledger) {
        this.producer = producer;
        this.ledger = ledger;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
    }

    public Receipt publish(CiRun run) {
        String key = run.key();
        synchronized (stripes[Math.floorMod(key.hashCode(), STRIPES)]) {
            if (!ledger.isNews(run)) {
                return Receipt.unchanged(Topics.CI_RUNS.name(), key,
                        "a record at least as new (status " + run.status() + " or later) is already published");
            }
            send(Topics.CI_RUNS, key, run);
            ledger.record(run);
        }
        return Receipt.published(Topics.CI_RUNS.name(), key);
    }

    public Receipt publish(CiDispatch dispatch) {
        String key = dispatch.key();
        synchronized (stripes[Math.floorMod(key.hashCode(), STRIPES)]) {
            if (ledger.knowsDispatch(key)) {
                return Receipt.unchanged(Topics.CI_DISPATCHES.name(), key, "this delivery is already published");
            }
            send(Topics.CI_DISPATCHES, key, dispatch);
            ledger.recordDispatch(key, dispatch.receivedAt());
        }
        return Receipt.published(Topics.CI_DISPATCHES.name(), key);
    }

    private <V> void send(Topic<V> topic, String key, V value) {
        byte[] bytes = topic.valueSerde().serialize(topic.name(), value);
        try {
            producer.send(new ProducerRecord<>(topic.name(), key, bytes)).get(ACK_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new KafkaUnavailable("Kafka did not acknowledge the record: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaUnavailable("Kafka did not acknowledge the record within " + ACK_WAIT_MS + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailable("interrupted while waiting for Kafka", e);
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new KafkaUnavailable("Kafka refused the record: " + e.getMessage(), e);
        }
    }
}
