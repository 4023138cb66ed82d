package io.decisionlog.blame.sync;

import io.decisionlog.events.Topic;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends a sync's records asynchronously and then waits until Kafka acknowledged every one of them: only then may
 * the sync record its new tip, so a crash or an outage never leaves a tip marked published with records missing.
 */
final class Publisher {
    private final Producer<String, byte[]> producer;
    private final List<Future<RecordMetadata>> inFlight = new ArrayList<>();

    Publisher(Producer<String, byte[]> producer) {
        this.producer = producer;
    }

    <V> void send(Topic<V> topic, String key, V valueOrTombstone) {
        byte[] bytes = valueOrTombstone == null ? null : topic.valueSerde().serialize(topic.name(), valueOrTombstone);
        inFlight.add(producer.send(new ProducerRecord<>(topic.name(), key, bytes)));
    }

    /** @return how many records were acknowledged */
    int awaitAcks() throws InterruptedException {
        producer.flush();
        int acknowledged = 0;
        try {
            for (Future<RecordMetadata> future : inFlight) {
                future.get(2, TimeUnit.MINUTES);
                acknowledged++;
            }
            return acknowledged;
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("Kafka did not acknowledge " + (inFlight.size() - acknowledged) + " of "
                    + inFlight.size() + " records: " + cause.getMessage(), cause);
        } finally {
            inFlight.clear();
        }
    }
}
