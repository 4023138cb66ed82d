package io.decisionlog.graph.topology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.decisionlog.events.Json;
import io.decisionlog.events.LogEntry;
import io.decisionlog.events.Topics;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import java.io.IOException;
import java.time.Instant;
import java.util.Base64;

/**
 * Copies each sign-off and audit record into the transparency log, in the one order this task reads them, with
 * where it came from. Under exactly-once each source record becomes exactly one entry: the log topic's order is the
 * Merkle tree's, and a replay of the store reads that order back rather than making it again.
 */
final class LogEntries extends ContextualProcessor<String, byte[], String, byte[]> {

    @Override
    public void process(Record<String, byte[]> record) {
        RecordMetadata source = context().recordMetadata().orElseThrow();
        LogEntry entry = new LogEntry(source.topic(), source.partition(), source.offset(), record.key(),
                Instant.ofEpochMilli(record.timestamp()), content(record.value()));
        context().forward(new Record<>(source.topic() + ":" + source.partition() + ":" + source.offset(),
                Topics.LOG.valueSerde().serialize(Topics.LOG.name(), entry), record.timestamp()));
    }

    // a record that is not JSON is logged as it came, in base64: the log keeps what was written, readable or not
    private static JsonNode content(byte[] value) {
        if (value == null) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(value);
        } catch (IOException e) {
            return TextNode.valueOf(Base64.getEncoder().encodeToString(value));
        }
    }
}
