package io.decisionlog.events;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonSerdeTest {

    @Test
    void shouldRoundTripEveryTopicValue() {
        List<Object> samples = SampleEvents.oneOfEach();
        for (int i = 0; i < Topics.ALL.size(); i++) {
            Topic<?> topic = Topics.ALL.get(i);
            Object sample = samples.get(i);
            assertThat(sample).isInstanceOf(topic.valueType());
            assertThat(roundTrip(topic, sample)).as(topic.name()).isEqualTo(sample);
        }
    }

    @Test
    void aPulledRunSaysSoAndADeliveredOneReadsWithoutAnOrigin() {
        CiRun pulled = SampleEvents.pulledRun();
        String json = text(Topics.CI_RUNS.valueSerde().serialize("t", pulled));
        assertThat(json).contains("\"origin\":\"pull\"");
        assertThat(roundTrip(Topics.CI_RUNS, pulled)).isEqualTo(pulled);
        String older = json.replace(",\"origin\":\"pull\"", "");
        assertThat(Topics.CI_RUNS.valueSerde().deserialize("t", older.getBytes(StandardCharsets.UTF_8)).origin()).isNull();
        assertThat(text(Topics.CI_SOURCES.valueSerde().serialize("t", SampleEvents.ciSource())))
                .contains("\"credentials_ref\":\"github-prod\"", "\"pulled_until\":");
    }

    @Test
    void aRunSaysItsDecisionRefAndNAWhenItCarriedNone() {
        CiRun run = SampleEvents.pulledRun();
        String json = text(Topics.CI_RUNS.valueSerde().serialize("t", run));
        assertThat(json).contains("\"decision_ref\":\"D-2024-087\"", "\"triggering_actor\":\"ana.re-runner\"",
                "\"inputs\":{\"DECISION_ID\":\"D-2024-087\"}");
        assertThat(roundTrip(Topics.CI_RUNS, run)).isEqualTo(run); // decision_ref is derived: read back, ignored

        CiRun without = run.inChain(List.of(), null, null, java.util.Map.of());
        assertThat(text(Topics.CI_RUNS.valueSerde().serialize("t", without))).contains("\"decision_ref\":\"N/A\"");
        CiRun dispatched = new CiRun("github", "acme/payments", "9002", 1, "Deploy", ".github/workflows/deploy.yml",
                "workflow_dispatch", SampleEvents.SHA, "main", "li.wei", "completed", "success", null, null, null, null,
                null, List.of(), null, "d", null).inChain(List.of("D-2024-087"), "gray release", "li.wei",
                java.util.Map.of("reason", "gray release"));
        assertThat(dispatched.reason()).isEqualTo("gray release");
        assertThat(dispatched.triggeringActor()).isEqualTo("li.wei");
        assertThat(dispatched.inputs()).containsEntry("reason", "gray release");
        assertThat(dispatched.decisionRef()).isEqualTo("D-2024-087");
    }

    @Test
    void shouldWriteSnakeCaseAndIsoTimes() {
        String json = text(Topics.CI_RUNS.valueSerde().serialize("t", SampleEvents.ciRun()));
        assertThat(json)
                .contains("\"head_sha\":\"a9f3c1e0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6\"")
                .contains("\"decision_ids\":[\"D-2024-087\"]")
                .contains("\"started_at\":\"2024-04-10T09:15:00Z\"")
                .doesNotContain("headSha");
        assertThat(text(Topics.CHAINS.valueSerde().serialize("t", SampleEvents.chain())))
                .contains("\"via\":[\"trailer\",\"ci_title\"]")
                .contains("\"date\":\"2024-04-10\"");
    }

    @Test
    void shouldIgnoreUnknownFieldsOnRead() {
        String json = """
                {"decision_id":"D-2024-087","title":"t","added_in_v2":{"nested":[1,2]},"status":"accepted"}""";
        DecisionMinutes read = Topics.MINUTES.valueSerde().deserialize("t", bytes(json));
        assertThat(read.decisionId()).isEqualTo("D-2024-087");
        assertThat(read.status()).isEqualTo("accepted");
    }

    @Test
    void shouldReadAnOldRecordWithoutNewerOptionalFields() {
        // a CiRun as written before attempt, reason, delivery_id and decision_ids existed
        String json = """
                {"provider":"github","repo":"acme/payments","run_id":"9001","head_sha":"%s",
                 "status":"completed","conclusion":"success","updated_at":"2024-04-10T09:16:30Z"}"""
                .formatted(SampleEvents.SHA);
        CiRun read = Topics.CI_RUNS.valueSerde().deserialize("t", bytes(json));
        assertThat(read.runId()).isEqualTo("9001");
        assertThat(read.attempt()).isZero();
        assertThat(read.reason()).isNull();
        assertThat(read.decisionIds()).isEmpty();
        assertThat(read.key()).isEqualTo("github:acme/payments:9001:0");
    }

    @Test
    void shouldTreatNullAsTombstone() {
        assertThat(Topics.BLAME.valueSerde().serialize("t", null)).isNull();
        assertThat(Topics.BLAME.valueSerde().deserialize("t", null)).isNull();
    }

    @Test
    void shouldOmitTextOfFilesOverTheSizeLimit() {
        BlameFile withoutText = new BlameFile("acme/payments", "big.json", SampleEvents.SHA, 0, List.of(), null);
        assertThat(text(Topics.BLAME.valueSerde().serialize("t", withoutText))).doesNotContain("text");
    }

    @Test
    void shouldNameTopicAndTypeWhenBytesAreNotJson() {
        assertThatThrownBy(() -> Topics.CI_RUNS.valueSerde().deserialize("decisionlog.ci.runs.v1", bytes("{not json")))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("decisionlog.ci.runs.v1")
                .hasMessageContaining("CiRun");
    }

    @SuppressWarnings("unchecked")
    private static <V> Object roundTrip(Topic<V> topic, Object value) {
        byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), (V) value);
        return topic.valueSerde().deserializer().deserialize(topic.name(), bytes);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
