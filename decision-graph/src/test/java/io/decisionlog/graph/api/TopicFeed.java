package io.decisionlog.graph.api;

import io.decisionlog.deploy.local.SharedTestRuntime;
import io.decisionlog.events.ClientConfigs;
import io.decisionlog.events.Topic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/** Writes records to the contract's topics on the test broker, as the ingesters and the topology would. */
public final class TopicFeed implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
            ClientConfigs.durableProducer(SharedTestRuntime.bootstrapServers(), "store-test-feed"));
    private final Map<TopicPartition, Long> nextOffsets = new HashMap<>();
    private final Map<String, Integer> records = new HashMap<>();

    public <V> TopicFeed send(Topic<V> topic, String key, V value) {
        return sendBytes(topic, key, value == null ? null : topic.valueSerde().serialize(topic.name(), value));
    }

    TopicFeed sendRaw(Topic<?> topic, String key, String json) {
        return sendBytes(topic, key, json.getBytes(StandardCharsets.UTF_8));
    }

    private TopicFeed sendBytes(Topic<?> topic, String key, byte[] value) {
        try {
            RecordMetadata written = producer.send(new ProducerRecord<>(topic.name(), key, value)).get();
            nextOffsets.merge(new TopicPartition(written.topic(), written.partition()), written.offset() + 1, Math::max);
            records.merge(written.topic(), 1, Integer::sum);
            return this;
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("could not write to " + topic.name(), e);
        }
    }

    /** For each partition of these topics this feed wrote to: the offset after its last record there. */
    Map<TopicPartition, Long> nextOffsets(Collection<String> topics) {
        Map<TopicPartition, Long> offsets = new HashMap<>(nextOffsets);
        offsets.keySet().removeIf(partition -> !topics.contains(partition.topic()));
        return offsets;
    }

    /** How many records this feed wrote to these topics. */
    int records(Collection<String> topics) {
        return topics.stream().mapToInt(topic -> records.getOrDefault(topic, 0)).sum();
    }

    @Override
    public void close() {
        producer.close();
    }
}
