package io.decisionlog.minutes.publish;

import io.decisionlog.events.DecisionMinutes;
import io.decisionlog.events.MinutesFileState;
import io.decisionlog.events.MinutesSourceState;
import io.decisionlog.events.RejectedMinutes;
import io.decisionlog.events.Topics;
import io.decisionlog.events.kafka.AckedBatch;
import io.decisionlog.minutes.sync.Publisher;
import org.apache.kafka.clients.producer.Producer;

import java.time.Duration;

/**
 * Sends a sync's records with the shared serdes on an idempotent acks=all producer as one {@link AckedBatch}:
 * {@code await} returns only once every one is acknowledged. Records of one key go to one partition in send order, so
 * a tombstone after a value (or the source record after its files) is never overtaken.
 */
public final class KafkaPublisher implements Publisher {
    private final Producer<String, byte[]> producer;
    private final Duration ackTimeout;

    public KafkaPublisher(Producer<String, byte[]> producer, Duration ackTimeout) {
        this.producer = producer;
        this.ackTimeout = ackTimeout;
    }

    @Override
    public Publication begin() {
        AckedBatch batch = new AckedBatch(producer, ackTimeout);
        return new Publication() {
            @Override
            public void decision(String decisionId, DecisionMinutes minutes) {
                batch.send(Topics.MINUTES, decisionId, minutes);
            }

            @Override
            public void rejection(String key, RejectedMinutes rejected) {
                batch.send(Topics.MINUTES_REJECTED, key, rejected);
            }

            @Override
            public void file(String key, MinutesFileState file) {
                batch.send(Topics.MINUTES_FILES, key, file);
            }

            @Override
            public void source(String source, MinutesSourceState record) {
                batch.send(Topics.MINUTES_SOURCES, source, record);
            }

            @Override
            public void await() {
                batch.await();
            }
        };
    }
}
