package io.decisionlog.ciaudit.publish;

import io.decisionlog.events.CiDispatch;
import io.decisionlog.events.CiRun;
import io.decisionlog.events.CiRunOrder;
import io.decisionlog.events.Topic;
import io.decisionlog.events.Topics;
import io.decisionlog.events.kafka.AckedBatch;
import org.apache.kafka.clients.producer.Producer;

import java.time.Duration;

/**
 * Publishes runs and dispatches and returns only once Kafka acknowledged them (acks=all, idempotent producer), so
 * a 202 means the record is durable. Per run key, check-publish-record is serialized, so two deliveries of the
 * same run racing each other cannot publish the older one last.
 */
public class CiEventPublisher {
    private static final int STRIPES = 256;
    /** Just above the producer's delivery timeout: the answer comes within ~8 s, under GitHub's 10 s. */
    public static final Duration ACK_WAIT = Duration.ofSeconds(8);

    private final Producer<String, byte[]> producer;
    private final RunLedger ledger;
    private final Object[] stripes = new Object[STRIPES];

    public CiEventPublisher(Producer<String, byte[]> producer, RunLedger ledger) {
        this.producer = producer;
        this.ledger = ledger;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
    }

    public Receipt publish(CiRun delivered) {
        CiRun run = CiRunOrder.trusted(delivered);
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

    /** Whether publishing the run now would publish it (a caller may skip fetching more about a run that is not). */
    public boolean isNews(CiRun run) {
        return ledger.isNews(CiRunOrder.trusted(run));
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
        AckedBatch.publish(producer, ACK_WAIT, topic, key, value);
    }
}
