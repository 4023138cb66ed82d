package io.decisionlog.events.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Kafka's own consumer double, set up as a topic with records already on it (no broker: the services' tests have one). */
final class Mocks {
    private Mocks() {
    }

    /** A consumer of {@code topic} with {@code partitions} partitions holding the records, offsets from 0 per partition. */
    static MockConsumer<String, byte[]> topic(String topic, int partitions, List<ConsumerRecord<String, byte[]>> records) {
        MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
        Node node = new Node(0, "localhost", 9092);
        consumer.updatePartitions(topic, java.util.stream.IntStream.range(0, partitions)
                .mapToObj(p -> new PartitionInfo(topic, p, node, new Node[] {node}, new Node[] {node})).toList());
        Map<TopicPartition, Long> beginnings = new HashMap<>();
        Map<TopicPartition, Long> ends = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            beginnings.put(new TopicPartition(topic, p), 0L);
            ends.put(new TopicPartition(topic, p), 0L);
        }
        records.forEach(r -> ends.merge(new TopicPartition(r.topic(), r.partition()), r.offset() + 1, Math::max));
        consumer.updateBeginningOffsets(beginnings);
        consumer.updateEndOffsets(ends);
        // records are handed over once the follower has assigned and positioned itself
        consumer.schedulePollTask(() -> records.forEach(consumer::addRecord));
        return consumer;
    }

    static ConsumerRecord<String, byte[]> record(String topic, int partition, long offset, String key, String json) {
        return new ConsumerRecord<>(topic, partition, offset, key, json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }
}
