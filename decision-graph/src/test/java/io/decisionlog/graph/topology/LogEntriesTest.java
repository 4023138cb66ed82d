package io.decisionlog.graph.topology;

import com.fasterxml.jackson.databind.JsonNode;
import io.decisionlog.deploy.local.ScratchDirs;
import io.decisionlog.events.Json;
import io.decisionlog.events.LogEntry;
import io.decisionlog.events.Topics;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** Sign-offs and audit events become transparency-log entries, one each, in the order they were read. */
class LogEntriesTest {

    @Test
    void everySignoffAndAuditRecordIsOneEntryInReadingOrder() throws Exception {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "log-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, ScratchDirs.create("log-test").toString());
        Instant t0 = Instant.parse("2026-12-05T10:00:00Z");
        try (TopologyTestDriver driver = new TopologyTestDriver(DecisionGraphTopology.build(
                GraphSettings.defaults().withStoreType(GraphSettings.StoreKind.IN_MEMORY)), props)) {
            TestInputTopic<String, byte[]> signoffs = driver.createInputTopic(Topics.SIGNOFFS.name(),
                    new StringSerializer(), new ByteArraySerializer());
            TestInputTopic<String, byte[]> audit = driver.createInputTopic(Topics.AUDIT.name(),
                    new StringSerializer(), new ByteArraySerializer());
            audit.pipeInput("acme/payments", bytes("{\"action\":\"repo.register\"}"), t0);
            signoffs.pipeInput("s1", bytes("{\"kind\":\"signoff\",\"signoff_id\":\"s1\"}"), t0.plusSeconds(1));
            audit.pipeInput("D-2024-087", bytes("not json"), t0.plusSeconds(2));
            signoffs.pipeInput("s1", bytes("{\"kind\":\"revocation\",\"signoff_id\":\"s1\"}"), t0.plusSeconds(3));

            List<TestRecord<String, byte[]>> out = driver.createOutputTopic(Topics.LOG.name(),
                    new StringDeserializer(), new ByteArrayDeserializer()).readRecordsToList();

            assertThat(out).extracting(TestRecord::key).containsExactly("decisionlog.audit.v1:0:0",
                    "decisionlog.signoffs.v1:0:0", "decisionlog.audit.v1:0:1", "decisionlog.signoffs.v1:0:1");
            List<LogEntry> entries = out.stream()
                    .map(r -> Topics.LOG.valueSerde().deserialize(Topics.LOG.name(), r.value())).toList();
            assertThat(entries.get(0).record().path("action").asText()).isEqualTo("repo.register");
            assertThat(entries.get(0).at()).isEqualTo(t0);
            assertThat(entries.get(1).source()).isEqualTo(Topics.SIGNOFFS.name());
            assertThat(entries.get(1).key()).isEqualTo("s1");
            assertThat(entries.get(2).record().asText())
                    .isEqualTo(Base64.getEncoder().encodeToString(bytes("not json")));
            assertThat(entries.get(3).record().path("kind").asText()).isEqualTo("revocation");
            JsonNode wire = Json.MAPPER.readTree(out.get(1).value());
            assertThat(wire.fieldNames()).toIterable()
                    .containsExactly("source", "partition", "offset", "key", "at", "record");
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
