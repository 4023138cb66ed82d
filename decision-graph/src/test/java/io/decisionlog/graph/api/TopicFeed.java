package io.decisionlog.graph.api;

import io.decisionlog.deploy.local.SharedTestRuntime;
import io.decisionlog.events.ClientConfigs;
import io.decisionlog.events.Topic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;

/** Writes records to the contract's topics on the test broker, as the ingesters and the topology would. */
final class TopicFeed implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
            ClientConfigs.durableProducer(SharedTestRuntime.get().bootstrapServers(), "store-test-feed"));

    <V> TopicFeed send(Topic<V> topic, String key, V value) {
        return sendBytes(topic, key, value == null ? null : topic.valueSerde().serialize(topic.name(), value));
    }

    TopicFeed sendRaw(Topic<?> topic, String key, String json) {
        return sendBytes(topic, key, json.getBytes(StandardCharsets.UTF_8));
    }

    private TopicFeed sendBytes(Topic<?> topic, String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic.name(), key, value)).get();
            return this;
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("could not write to " + topic.name(), e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
