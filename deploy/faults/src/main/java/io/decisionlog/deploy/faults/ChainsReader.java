package io.decisionlog.deploy.faults;

import io.decisionlog.events.ClientConfigs;
import io.decisionlog.events.DecisionChain;
import io.decisionlog.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * decisionlog.chains.v1 read as state, with isolation.level=read_committed (only what decision-graph's transactions
 * committed): the latest chain per commit key, a tombstone removing it.
 */
final class ChainsReader implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<TopicPartition> partitions;
    private final Map<String, DecisionChain> latest = new HashMap<>();
    private long records;
    private long unreadable;
    private long lastChangeNanos = System.nanoTime();

    ChainsReader(String bootstrapServers) {
        consumer = new KafkaConsumer<>(ClientConfigs.stateReader(bootstrapServers, "faultrun-chains"));
        partitions = consumer.partitionsFor(Topics.CHAINS.name(), Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Reads what arrived; returns how many records. */
    int poll(Duration timeout) {
        int count = 0;
        for (ConsumerRecord<String, byte[]> record : consumer.poll(timeout)) {
            count++;
            records++;
            if (record.value() == null) {
                latest.remove(record.key());
                continue;
            }
            try {
                latest.put(record.key(), Topics.CHAINS.valueSerde().deserialize(record.topic(), record.value()));
            } catch (RuntimeException e) {
                unreadable++;
                Console.say("unreadable chain %s-%d@%d (key %s): %s", record.topic(), record.partition(),
                        record.offset(), record.key(), e.getMessage());
            }
        }
        if (count > 0) {
            lastChangeNanos = System.nanoTime();
        }
        return count;
    }

    /** Reads until the position of every partition reaches its end offset as of this call (the last stable offset). */
    void readToEnd(Duration limit) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
        long deadline = System.nanoTime() + limit.toNanos();
        while (partitions.stream().anyMatch(p -> consumer.position(p, Duration.ofSeconds(30)) < ends.get(p))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not read " + Topics.CHAINS.name() + " to its end within " + limit);
            }
            poll(Duration.ofMillis(200));
        }
    }

    Duration quietFor() {
        return Duration.ofNanos(System.nanoTime() - lastChangeNanos);
    }

    Map<String, DecisionChain> latest() {
        return latest;
    }

    long records() {
        return records;
    }

    long unreadable() {
        return unreadable;
    }

    /** A fresh read of the whole topic to its end, latest chain per key. */
    static ChainsReader readAll(String bootstrapServers, Duration limit) {
        ChainsReader reader = new ChainsReader(bootstrapServers);
        try {
            reader.readToEnd(limit);
            return reader;
        } catch (RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
