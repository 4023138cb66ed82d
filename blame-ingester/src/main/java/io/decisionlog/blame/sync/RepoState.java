package io.decisionlog.blame.sync;

import io.decisionlog.events.ClientConfigs;
import io.decisionlog.events.Topics;
import io.decisionlog.events.TrackedRepo;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads {@code decisionlog.git.repos.v1} to its end: the latest registration and published tip of each repo. */
public final class RepoState {
    private RepoState() {
    }

    public static Collection<TrackedRepo> read(String bootstrapServers, Duration timeout) {
        Map<String, TrackedRepo> latest = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(ClientConfigs.stateReader(bootstrapServers, "blame-ingester-state"))) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.REPOS.name(), timeout).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + Topics.REPOS.name() + " within " + timeout);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    TrackedRepo repo = Topics.REPOS.valueSerde().deserialize(record.topic(), record.value());
                    if (repo == null) {
                        latest.remove(record.key());
                    } else {
                        latest.put(record.key(), repo);
                    }
                }
            }
        }
        return latest.values();
    }
}
