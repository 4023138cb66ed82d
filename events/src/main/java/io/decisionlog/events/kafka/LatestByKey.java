package io.decisionlog.events.kafka;

import io.decisionlog.events.Topic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A compacted topic read as a table: the latest value per key, a tombstone removing the key. A record that cannot be
 * read is reported and passed over, so one bad record never keeps a service from its state.
 */
public final class LatestByKey<V> implements RecordHandler {
    private static final System.Logger LOG = System.getLogger(LatestByKey.class.getName());

    private final Topic<V> topic;
    private final Map<String, V> latest = new ConcurrentHashMap<>();
    private long unreadable;

    public LatestByKey(Topic<V> topic) {
        this.topic = topic;
    }

    /** Reads the whole topic to its end with the consumer (then closed): the latest value per key. */
    public static <V> Map<String, V> read(Consumer<String, byte[]> consumer, Topic<V> topic, Duration limit) {
        LatestByKey<V> table = new LatestByKey<>(topic);
        try (TopicFollower follower = TopicFollower.fromBeginning(consumer, List.of(topic.name()))) {
            follower.readToEnd(limit, table);
        }
        return table.values();
    }

    @Override
    public void accept(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        V value;
        try {
            value = topic.valueSerde().deserialize(record.topic(), record.value());
        } catch (SerializationException e) {
            unreadable++;
            LOG.log(System.Logger.Level.WARNING, "skipping unreadable record {0}-{1}@{2}: {3}", record.topic(),
                    record.partition(), record.offset(), e.getMessage());
            return;
        }
        if (value == null) {
            latest.remove(record.key());
        } else {
            latest.put(record.key(), value);
        }
    }

    /** The current table, read-only; it goes on changing while the follower reads. */
    public Map<String, V> values() {
        return Collections.unmodifiableMap(latest);
    }

    public long unreadable() {
        return unreadable;
    }
}
