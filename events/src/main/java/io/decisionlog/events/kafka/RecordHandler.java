package io.decisionlog.events.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.Map;

/** What to do with each record a {@link TopicFollower} reads. */
@FunctionalInterface
public interface RecordHandler {
    void accept(ConsumerRecord<String, byte[]> record);

    /** Hands each record to the handler of its topic; records of other topics are passed over. */
    static RecordHandler byTopic(Map<String, RecordHandler> handlers) {
        return record -> {
            RecordHandler handler = handlers.get(record.topic());
            if (handler != null) {
                handler.accept(record);
            }
        };
    }
}
