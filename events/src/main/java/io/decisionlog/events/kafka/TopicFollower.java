package io.decisionlog.events.kafka;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Reads topics as state: every partition from the beginning, committed records only, no consumer group. The one
 * way a service restores what it keeps in compacted topics (its registrations, the run ledger, the token set) and the
 * way tests and tools take a snapshot of a topic.
 * <p>
 * {@link #caughtUp()} says whether every partition has reached the end it had when following began, so a service can
 * stay unready until its state is complete; {@link #readToEnd} reads up to the end as of its own call.
 */
public final class TopicFollower implements AutoCloseable {
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(200);

    private final Consumer<String, byte[]> consumer;
    private final List<TopicPartition> partitions;
    private final Map<TopicPartition, Long> endsAtStart;
    private boolean caughtUp;

    private TopicFollower(Consumer<String, byte[]> consumer,
                          List<TopicPartition> partitions) {
        this.consumer = consumer;
        this.partitions = partitions;
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        this.endsAtStart = consumer.endOffsets(partitions, METADATA_TIMEOUT);
    }

    /**
     * Starts following every partition of the topics from the beginning; the follower owns the consumer (it closes it).
     *
     * @throws IllegalStateException naming a topic that does not exist yet (callers retry until it does)
     */
    public static TopicFollower fromBeginning(Consumer<String, byte[]> consumer,
                                              Collection<String> topics) {
        try {
            return new TopicFollower(consumer, partitionsOf(consumer, topics));
        } catch (RuntimeException e) {
            consumer.close(Duration.ofSeconds(1));
            throw e;
        }
    }

    /** Hands what arrived within the timeout to the handler, in offset order per partition; returns how many. */
    public int poll(Duration timeout, RecordHandler handler) {
        int count = 0;
        for (ConsumerRecord<String, byte[]> record : consumer.poll(timeout)) {
            handler.accept(record);
            count++;
        }
        return count;
    }

    /** True once every partition reached the end offset it had when following began; stays true. */
    public boolean caughtUp() {
        if (!caughtUp) {
            caughtUp = reached(endsAtStart);
        }
        return caughtUp;
    }

    /**
     * Reads until every partition reaches its end offset as of this call (the last stable offset, under
     * read_committed), handing each record to the handler.
     *
     * @throws IllegalStateException when the end is not reached within the limit
     */
    public void readToEnd(Duration limit, RecordHandler handler) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, METADATA_TIMEOUT);
        long deadline = System.nanoTime() + limit.toNanos();
        while (!reached(ends)) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("could not read " + topics() + " to the end within " + limit.toSeconds() + " s");
            }
            poll(POLL, handler);
        }
    }

    /** Makes a poll that blocks in another thread return at once (it throws {@code WakeupException}). */
    public void wakeup() {
        consumer.wakeup();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }

    private boolean reached(Map<TopicPartition, Long> ends) {
        return partitions.stream().allMatch(p -> consumer.position(p, METADATA_TIMEOUT) >= ends.get(p));
    }

    private List<String> topics() {
        return partitions.stream().map(TopicPartition::topic).distinct().toList();
    }

    private static List<TopicPartition> partitionsOf(Consumer<String, byte[]> consumer,
                                                     Collection<String> topics) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, METADATA_TIMEOUT);
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " does not exist yet");
            }
            infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        return partitions;
    }
}
