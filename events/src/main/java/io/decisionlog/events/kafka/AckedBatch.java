package io.decisionlog.events.kafka;

import io.decisionlog.events.Topic;
import io.decisionlog.events.errors.KafkaUnavailable;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Records sent as they come and acknowledged all together: the one way a service publishes and then promises that
 * what it published is durable (on an acks=all, idempotent producer: on every in-sync replica, never duplicated by
 * retries). Records of one key go to one partition in send order, so a tombstone sent after a value is never
 * overtaken (on a topic placed by something other than the key, {@link io.decisionlog.events.Placement}, that holds
 * for the values of one key that name the same commit). Any failure is a {@link KafkaUnavailable}: the caller changes
 * no state of its own and answers 503 or retries later.
 */
public final class AckedBatch {
    private final Producer<String, byte[]> producer;
    private final Duration ackTimeout;
    private final BooleanSupplier mayPublish;
    private final List<Future<RecordMetadata>> pending = new ArrayList<>();

    public AckedBatch(Producer<String, byte[]> producer, Duration ackTimeout) {
        this(producer, ackTimeout, () -> true);
    }

    /**
     * A batch behind a fence: once {@code mayPublish} answers false (this instance lost the lease its work runs
     * under), every further {@link #send} throws {@link CancellationException} instead of sending.
     */
    public AckedBatch(Producer<String, byte[]> producer, Duration ackTimeout, BooleanSupplier mayPublish) {
        this.producer = producer;
        this.ackTimeout = ackTimeout;
        this.mayPublish = mayPublish;
    }

    /** Publishes one record and returns once Kafka acknowledged it. */
    public static <V> void publish(Producer<String, byte[]> producer, Duration ackTimeout, Topic<V> topic, String key,
                                   V valueOrTombstone) {
        AckedBatch batch = new AckedBatch(producer, ackTimeout);
        batch.send(topic, key, valueOrTombstone);
        batch.await();
    }

    /**
     * Sends a record (a null value is a tombstone); {@link #await()} waits for its acknowledgement.
     *
     * @throws CancellationException when the batch's fence has closed: nothing is sent
     */
    public <V> AckedBatch send(Topic<V> topic, String key, V valueOrTombstone) {
        if (!mayPublish.getAsBoolean()) {
            throw new CancellationException("stopped before publishing to " + topic.name()
                    + ": this instance no longer holds the lease its work ran under");
        }
        try {
            pending.add(producer.send(topic.record(key, valueOrTombstone)));
        } catch (KafkaException e) {
            throw new KafkaUnavailable("Kafka refused a record for " + topic.name() + ": " + e.getMessage(), e);
        }
        return this;
    }

    /**
     * Waits until every record sent so far is acknowledged, within the timeout for all of them together.
     *
     * @return how many records were acknowledged
     * @throws KafkaUnavailable saying how many of how many were not acknowledged, and why
     */
    public int await() {
        long deadline = System.nanoTime() + ackTimeout.toNanos();
        int acknowledged = 0;
        try {
            for (Future<RecordMetadata> future : pending) {
                future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acknowledged++;
            }
            return acknowledged;
        } catch (ExecutionException e) {
            throw unavailable(acknowledged, ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw unavailable(acknowledged, " within " + ackTimeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(acknowledged, " (interrupted while waiting)", e);
        } finally {
            pending.clear();
        }
    }

    private KafkaUnavailable unavailable(int acknowledged, String why, Throwable cause) {
        int total = pending.size();
        String which = total == 1 ? "the record" : (total - acknowledged) + " of " + total + " records";
        return new KafkaUnavailable("Kafka did not acknowledge " + which + why, cause);
    }
}
