package io.decisionlog.minutes.publish;

import io.decisionlog.events.DecisionMinutes;
import io.decisionlog.events.RejectedMinutes;
import io.decisionlog.events.Topic;
import io.decisionlog.events.Topics;
import io.decisionlog.events.MinutesFileState;
import io.decisionlog.events.MinutesSourceState;
import io.decisionlog.minutes.sync.Publisher;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends a sync's records with the shared serdes on an idempotent acks=all producer; {@code await} returns only once
 * every one is acknowledged. Records of one key go to one partition in send order, so a tombstone after a value
 * (or the source record after its files) is never overtaken.
 */
public final class KafkaPublisher implements Publisher {
    private final KafkaProducer<String, byte[]> producer;
    private final Duration ackTimeout;

    public KafkaPublisher(KafkaProducer<String, byte[]> producer, Duration ackTimeout) {
        this.producer = producer;
        this.ackTimeout = ackTimeout;
    }

    @Override
    public Publication begin() {
        return new Batch();
    }

    private final class Batch implements Publication {
        private final List<Future<RecordMetadata>> pending = new ArrayList<>();

        @Override
        public void decision(String decisionId, DecisionMinutes minutes) {
            send(Topics.MINUTES, decisionId, minutes);
        }

        @Override
        public void rejection(String key, RejectedMinutes rejected) {
            send(Topics.MINUTES_REJECTED, key, rejected);
        }

        @Override
        public void file(String key, MinutesFileState file) {
            send(Topics.MINUTES_FILES, key, file);
        }

        @Override
        public void source(String source, MinutesSourceState record) {
            send(Topics.MINUTES_SOURCES, source, record);
        }

        private <V> void send(Topic<V> topic, String key, V value) {
            byte[] bytes = topic.valueSerde().serialize(topic.name(), value);
            try {
                pending.add(producer.send(new ProducerRecord<>(topic.name(), key, bytes)));
            } catch (org.apache.kafka.common.KafkaException e) {
                throw new KafkaUnavailable("Kafka refused a record for " + topic.name() + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void await() {
            long deadline = System.nanoTime() + ackTimeout.toNanos();
            try {
                for (Future<RecordMetadata> future : pending) {
                    future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                }
            } catch (ExecutionException e) {
                throw new KafkaUnavailable("Kafka did not acknowledge a record: " + e.getCause().getMessage(), e.getCause());
            } catch (TimeoutException e) {
                throw new KafkaUnavailable("Kafka did not acknowledge " + pending.size() + " records within "
                        + ackTimeout.toSeconds() + " s", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaUnavailable("interrupted while waiting for Kafka", e);
            } finally {
                pending.clear();
            }
        }
    }
}
