package io.decisionlog.deploy.faults;

import io.decisionlog.events.ClientConfigs;
import io.decisionlog.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * Follows the chains topic (committed records only) from its end at the moment it starts, and notes when each
 * partition's first chain since then (or since {@link #restart()}) arrived: once the killed instance's tasks are
 * reassigned, when its partitions produce again.
 */
final class ChainArrivals implements AutoCloseable {
    private final Map<Integer, Long> firstArrival = new ConcurrentHashMap<>();
    private final Thread thread = new Thread(this::follow, "chain-arrivals");
    private final KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running = true;

    ChainArrivals(String bootstrapServers) {
        consumer = new KafkaConsumer<>(ClientConfigs.stateReader(bootstrapServers, "scale-out-chain-arrivals"));
        consumer.assign(IntStream.range(0, Topics.CHAINS.partitions())
                .mapToObj(partition -> new TopicPartition(Topics.CHAINS.name(), partition)).toList());
        consumer.seekToEnd(consumer.assignment());
        // resolve the end offsets now, before anything the kill changes
        consumer.assignment().forEach(consumer::position);
        thread.setDaemon(true);
        thread.start();
    }

    /** The consumer is this thread's alone from here on (a consumer is not thread-safe): it closes it too. */
    private void follow() {
        try (consumer) {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    firstArrival.putIfAbsent(record.partition(), System.nanoTime());
                }
            }
        }
    }

    /** Forgets what arrived so far: from now on, the first arrivals after this moment. */
    void restart() {
        firstArrival.clear();
    }

    /** When (System.nanoTime) the partition's first chain since the start (or restart) arrived; empty when none yet. */
    OptionalLong firstArrival(int partition) {
        Long at = firstArrival.get(partition);
        return at == null ? OptionalLong.empty() : OptionalLong.of(at);
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
