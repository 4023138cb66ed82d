package io.decisionlog.minutes.publish;

import io.decisionlog.events.MinutesFileState;
import io.decisionlog.events.MinutesSourceState;
import io.decisionlog.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Reads the state topics from the beginning to their end offsets at the time of the call: the registered sources
 * and, per source, what was published from each file. Latest record per key wins; a tombstone forgets the key.
 */
public final class StateLoader {
    private static final Logger LOG = Logger.getLogger(StateLoader.class);

    private final Supplier<KafkaConsumer<String, byte[]>> consumers;
    private final Duration timeout;

    public StateLoader(Supplier<KafkaConsumer<String, byte[]>> consumers, Duration timeout) {
        this.consumers = consumers;
        this.timeout = timeout;
    }

    public record Snapshot(Map<String, MinutesSourceState> sources, Map<String, List<MinutesFileState>> filesBySource) {
    }

    /** @throws IllegalStateException when the topics do not exist yet or cannot be read to their end in time */
    public Snapshot load() {
        long started = System.nanoTime();
        Map<String, MinutesSourceState> sources = new TreeMap<>();
        Map<String, MinutesFileState> files = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = consumers.get()) {
            List<TopicPartition> partitions = partitions(consumer);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read the state topics to their end within " + timeout.toSeconds() + " s");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    apply(record, sources, files);
                }
            }
        }
        Map<String, List<MinutesFileState>> bySource = new HashMap<>();
        files.values().forEach(file -> bySource.computeIfAbsent(file.source(), k -> new ArrayList<>()).add(file));
        LOG.infof("minutes state read in %d ms: %d sources, %d files", (System.nanoTime() - started) / 1_000_000,
                sources.size(), files.size());
        return new Snapshot(sources, bySource);
    }

    private static void apply(ConsumerRecord<String, byte[]> record, Map<String, MinutesSourceState> sources,
                              Map<String, MinutesFileState> files) {
        try {
            if (record.topic().equals(Topics.MINUTES_SOURCES.name())) {
                MinutesSourceState value = Topics.MINUTES_SOURCES.valueSerde().deserialize(record.topic(), record.value());
                if (value == null) {
                    sources.remove(record.key());
                } else {
                    sources.put(record.key(), value);
                }
            } else {
                MinutesFileState value = Topics.MINUTES_FILES.valueSerde().deserialize(record.topic(), record.value());
                if (value == null) {
                    files.remove(record.key());
                } else {
                    files.put(record.key(), value);
                }
            }
        } catch (SerializationException e) {
            LOG.warnf("skipping unreadable state record %s-%d@%d: %s", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
        }
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(Topics.MINUTES_SOURCES.name(), Topics.MINUTES_FILES.name())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " does not exist yet");
            }
            infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        return partitions;
    }
}
