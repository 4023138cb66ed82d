package io.decisionlog.graph.projection;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What the projection reports, written by its loop and read by any thread: the generation it applies, its
 * partitions and lag, the records applied and skipped (also as metrics), and the last failure.
 */
final class ProjectionState {
    private static final Logger LOG = Logger.getLogger(StoreProjection.class);

    private final Counter applied;
    private final Counter skipped;
    private final AtomicLong lag = new AtomicLong(-1);
    private volatile long generation = -1;
    private volatile boolean caughtUp;
    private volatile int partitions;
    private volatile String lastError;

    ProjectionState(MeterRegistry registry) {
        this.applied = registry.counter("decisionlog.store.records.applied");
        this.skipped = registry.counter("decisionlog.store.records.skipped");
        registry.gauge("decisionlog.store.lag.records", lag);
    }

    ProjectionStatus status() {
        return new ProjectionStatus(generation, partitions, Math.max(lag.get(), 0), caughtUp, (long) applied.count(),
                (long) skipped.count(), lastError);
    }

    long generation() {
        return generation;
    }

    /** The store's generation the loop applies in. */
    void generation(long generation) {
        this.generation = generation;
    }

    /** The loop starts over from the store's offsets: not caught up until the lag says so. */
    void resumed() {
        caughtUp = false;
    }

    /** A batch is in the store; the failure of an earlier one no longer stands. */
    void applied(int records) {
        applied.increment(records);
        lastError = null;
    }

    /** A record that cannot be read or stored: logged, counted, and left behind. */
    void skipped(ConsumerRecord<String, byte[]> record, String reason) {
        skipped.increment();
        lastError = "skipped " + record.topic() + "-" + record.partition() + "@" + record.offset() + ": " + reason;
        LOG.errorf("store: skipped record %s-%d@%d (key %s): %s", record.topic(), record.partition(), record.offset(),
                record.key(), reason);
    }

    void failed(String message) {
        lastError = message;
    }

    /** @param known false when the lag of some partition is not known yet */
    void observed(int partitions, long lag, boolean known) {
        this.partitions = partitions;
        this.lag.set(lag);
        caughtUp = known && lag == 0 && partitions > 0;
    }
}
