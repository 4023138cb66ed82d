package io.decisionlog.ciaudit.publish;

import io.decisionlog.events.CiRun;
import io.decisionlog.events.Topics;
import io.decisionlog.events.kafka.StateFollower;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * Keeps the {@link RunLedger} current from the runs and dispatches topics (so records published by other instances
 * count too). The service is not ready until the first read caught up: before that a stale status could slip through.
 */
public final class LedgerFollower {
    private static final Logger LOG = Logger.getLogger(LedgerFollower.class);
    private static final Duration EVICT_EVERY = Duration.ofMinutes(10);

    private final RunLedger ledger;
    private final Clock clock;
    private final StateFollower follower;
    private long nextEviction = System.nanoTime() + EVICT_EVERY.toNanos();

    public LedgerFollower(Supplier<Consumer<String, byte[]>> consumers, RunLedger ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
        this.follower = new StateFollower("ci-ledger-follower", consumers,
                List.of(Topics.CI_RUNS.name(), Topics.CI_DISPATCHES.name()), this::apply, this::evictWhenDue);
    }

    public void start() {
        follower.start();
    }

    public void stop() {
        follower.stop();
    }

    public boolean caughtUp() {
        return follower.caughtUp();
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        try {
            if (record.topic().equals(Topics.CI_RUNS.name())) {
                applyRun(record);
            } else {
                applyDispatch(record);
            }
        } catch (SerializationException e) {
            LOG.warnf("skipping unreadable record %s-%d@%d: %s", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
        }
    }

    private void applyRun(ConsumerRecord<String, byte[]> record) {
        CiRun run = Topics.CI_RUNS.valueSerde().deserialize(record.topic(), record.value());
        if (run == null) {
            ledger.forgetRun(record.key());
        } else {
            ledger.record(run);
        }
    }

    private void applyDispatch(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            ledger.forgetDispatch(record.key());
        } else {
            ledger.recordDispatch(record.key(),
                    record.timestamp() > 0 ? Instant.ofEpochMilli(record.timestamp()) : clock.instant());
        }
    }

    private void evictWhenDue() {
        if (System.nanoTime() - nextEviction > 0) {
            ledger.evictOlderThan(clock.instant());
            nextEviction = System.nanoTime() + EVICT_EVERY.toNanos();
        }
    }
}
