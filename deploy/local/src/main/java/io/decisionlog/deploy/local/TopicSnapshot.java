package io.decisionlog.deploy.local;

import io.decisionlog.events.ClientConfigs;
import io.decisionlog.events.kafka.TopicFollower;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * For tests: every record of a topic up to its end offsets at the time of the call, read committed, in offset order
 * per partition (so per key). A service that answers only after the broker acknowledged has its records in such a
 * snapshot taken after the answer: no waiting involved.
 */
public final class TopicSnapshot {
    private static final Duration READ_LIMIT = Duration.ofSeconds(30);

    private TopicSnapshot() {
    }

    /** The records of the shared test runtime's topic whose key is {@code key}. */
    public static List<ConsumerRecord<String, byte[]>> records(String topic, String key) {
        return records(SharedTestRuntime.bootstrapServers(), topic, key::equals);
    }

    public static List<ConsumerRecord<String, byte[]>> records(String bootstrapServers, String topic, Predicate<String> keys) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(ClientConfigs.stateReader(bootstrapServers, "test-snapshot"));
        try (TopicFollower follower = TopicFollower.fromBeginning(consumer, List.of(topic))) {
            follower.readToEnd(READ_LIMIT, record -> {
                if (record.key() != null && keys.test(record.key())) {
                    found.add(record);
                }
            });
        }
        return found;
    }
}
