package io.decisionlog.graph.projection;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.decisionlog.events.DecisionChain;
import io.decisionlog.events.Keys;
import io.decisionlog.events.Keys.BlameKey;
import io.decisionlog.events.Keys.CommitKey;
import io.decisionlog.events.LogEntry;
import io.decisionlog.events.Topics;
import io.decisionlog.graph.store.PublicChain;
import io.decisionlog.graph.store.StoreChange;
import io.decisionlog.graph.store.TraceParts;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Turns a record of a projected topic into the {@link StoreChange} it stands for; throws on a record it cannot read. */
final class RecordDecoder {
    /** The topics the store is a projection of. */
    static final List<String> TOPICS = List.of(Topics.BLAME.name(), Topics.CHAINS.name(), Topics.MINUTES.name(),
            Topics.LOG.name());

    private RecordDecoder() {
    }

    /** {@code answers}: the mapper the API writes answers with, which renders each chain's {@link TraceParts}. */
    static StoreChange decode(ConsumerRecord<String, byte[]> record, ObjectMapper answers) {
        String topic = record.topic();
        String key = record.key();
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("record has no key");
        }
        byte[] value = record.value();
        if (topic.equals(Topics.BLAME.name())) {
            BlameKey file = Keys.parseBlame(key);
            return new StoreChange.Blame(file.repo(), file.path(), Topics.BLAME.valueSerde().deserialize(topic, value));
        }
        if (topic.equals(Topics.CHAINS.name())) {
            CommitKey commit = Keys.parseCommit(key);
            DecisionChain chain = Topics.CHAINS.valueSerde().deserialize(topic, value);
            // rendered here, once per change, rather than by every trace that shows the chain
            TraceParts parts = chain == null ? null : TraceParts.of(PublicChain.withoutEmails(chain), answers);
            return new StoreChange.Chain(commit.repo(), commit.sha(), chain, text(value), parts);
        }
        if (topic.equals(Topics.MINUTES.name())) {
            return new StoreChange.Minutes(key, Topics.MINUTES.valueSerde().deserialize(topic, value), text(value));
        }
        if (topic.equals(Topics.LOG.name())) {
            if (value == null) {
                throw new IllegalArgumentException("the transparency log has no tombstones");
            }
            LogEntry entry = Topics.LOG.valueSerde().deserialize(topic, value);
            return new StoreChange.LogAppend(record.offset(), entry.source(), entry.key(), value);
        }
        throw new IllegalArgumentException("topic " + topic + " is not projected into the store");
    }

    private static String text(byte[] value) {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }
}
