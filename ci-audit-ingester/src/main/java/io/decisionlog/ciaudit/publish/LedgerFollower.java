package io.decisionlog.ciaudit.publish;

import io.decisionlog.events.CiRun;
import io.decisionlog.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads the runs and dispatches topics from the beginning into the {@link RunLedger}, then keeps following them
 * (so records published by other instances count too). The service is not ready until the first read caught up.
 */
public final class LedgerFollower implements Runnable {
    private static final Logger LOG = Logger.getLogger(LedgerFollower.class);
    private static final Duration EVICT_EVERY = Duration.ofMinutes(10);

    private final Supplier<KafkaConsumer<String, byte[]>> consumers;
    private final RunLedger ledger;
    private final Clock clock;
    private volatile boolean caughtUp;
    private volatile boolean stopping;
    private volatile KafkaConsumer<String, byte[]> consumer;

    public LedgerFollower(Supplier<KafkaConsumer<String, byte[]>> consumers, RunLedger ledger, Clock clock) {
        this.consumers = consumers;
        this.ledger = ledger;
        this.clock = clock;
    }

    public boolean caughtUp() {
        return caughtUp;
    }

    public void stop() {
        stopping = true;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    @Override
    public void run() {
        while (!stopping) {
            try (KafkaConsumer<String, byte[]> opened = consumers.get()) {
                consumer = opened;
                follow(opened);
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warnf("following the CI topics failed (%s); retrying", e.getMessage());
                pause();
            }
        }
    }

    private void follow(KafkaConsumer<String, byte[]> consumer) {
        List<TopicPartition> partitions = partitions(consumer);
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        long started = System.nanoTime();
        long read = 0;
        long nextEviction = System.nanoTime() + EVICT_EVERY.toNanos();
        while (!stopping) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                apply(record);
                read++;
            }
            if (!caughtUp && ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue())) {
                caughtUp = true;
                LOG.infof("CI ledger caught up: %d records read in %d ms, %d entries kept", read,
                        (System.nanoTime() - started) / 1_000_000, ledger.size());
            }
            if (System.nanoTime() > nextEviction) {
                ledger.evictOlderThan(clock.instant());
                nextEviction = System.nanoTime() + EVICT_EVERY.toNanos();
            }
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        try {
            applyOrThrow(record);
        } catch (org.apache.kafka.common.errors.SerializationException e) {
            LOG.warnf("skipping unreadable record %s-%d@%d: %s", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
        }
    }

    private void applyOrThrow(ConsumerRecord<String, byte[]> record) {
        if (record.topic().equals(Topics.CI_RUNS.name())) {
            CiRun run = record.value() == null ? null : Topics.CI_RUNS.valueSerde().deserialize(record.topic(), record.value());
            if (run == null) {
                ledger.forgetRun(record.key());
            } else {
                ledger.record(run);
            }
        } else if (record.value() == null) {
            ledger.forgetDispatch(record.key());
        } else {
            ledger.recordDispatch(record.key(), record.timestamp() > 0
                    ? java.time.Instant.ofEpochMilli(record.timestamp()) : clock.instant());
        }
    }

    private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(Topics.CI_RUNS.name(), Topics.CI_DISPATCHES.name())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " does not exist yet");
            }
            infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        return partitions;
    }

    private void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }
}
