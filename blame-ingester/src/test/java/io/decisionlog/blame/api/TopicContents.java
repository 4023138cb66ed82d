package io.decisionlog.blame.api;

import io.decisionlog.deploy.local.SharedTestRuntime;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything on a topic up to its end offsets at the time of the call. A 202 is only answered after the broker
 * acknowledged, so a read that starts after the answer must see the record: no waiting involved.
 */
final class TopicContents {
    private TopicContents() {
    }

    static List<ConsumerRecord<String, byte[]>> records(String topic, String key) {
        return records(SharedTestRuntime.get().bootstrapServers(), topic, key);
    }

    /** Every record whose key starts with the prefix, in offset order per partition. */
    static List<ConsumerRecord<String, byte[]>> recordsWithPrefix(String topic, String prefix) {
        return read(SharedTestRuntime.get().bootstrapServers(), topic, key -> key.startsWith(prefix));
    }

    static List<ConsumerRecord<String, byte[]>> records(String bootstrapServers, String topic, String key) {
        return read(bootstrapServers, topic, key::equals);
    }

    private static List<ConsumerRecord<String, byte[]>> read(String bootstrapServers, String topic,
                                                             java.util.function.Predicate<String> keys) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within 30 s");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (keys.test(record.key())) {
                        found.add(record);
                    }
                }
            }
            return found;
        }
    }
}
