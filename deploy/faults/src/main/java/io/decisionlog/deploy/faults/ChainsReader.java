package io.decisionlog.deploy.faults;

import io.decisionlog.events.ClientConfigs;
import io.decisionlog.events.DecisionChain;
import io.decisionlog.events.Topics;
import io.decisionlog.events.kafka.LatestByKey;
import io.decisionlog.events.kafka.TopicFollower;
import org.apache.kafka.clients.consumer.KafkaConsumer;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * decisionlog.chains.v1 read as state, with isolation.level=read_committed (only what decision-graph's transactions
 * committed): the latest chain per commit key, a tombstone removing it.
 */
final class ChainsReader implements AutoCloseable {
    private final TopicFollower follower;
    private final LatestByKey<DecisionChain> latest = new LatestByKey<>(Topics.CHAINS);
    private long records;
    private long lastChangeNanos = System.nanoTime();

    ChainsReader(String bootstrapServers) {
        follower = TopicFollower.fromBeginning(
                new KafkaConsumer<>(ClientConfigs.stateReader(bootstrapServers, "faultrun-chains")),
                List.of(Topics.CHAINS.name()));
    }

    /** Reads what arrived; returns how many records. */
    int poll(Duration timeout) {
        int count = follower.poll(timeout, latest);
        records += count;
        if (count > 0) {
            lastChangeNanos = System.nanoTime();
        }
        return count;
    }

    /** Reads until the position of every partition reaches its end offset as of this call (the last stable offset). */
    void readToEnd(Duration limit) {
        follower.readToEnd(limit, record -> {
            latest.accept(record);
            records++;
            lastChangeNanos = System.nanoTime();
        });
    }

    Duration quietFor() {
        return Duration.ofNanos(System.nanoTime() - lastChangeNanos);
    }

    Map<String, DecisionChain> latest() {
        return latest.values();
    }

    long records() {
        return records;
    }

    long unreadable() {
        return latest.unreadable();
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
        follower.close();
    }
}
