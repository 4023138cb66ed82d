package io.decisionlog.graph.topology;

import io.decisionlog.events.CiRun;
import io.decisionlog.events.JsonSerde;
import io.decisionlog.graph.topology.LinkState.MinutesLink;
import io.decisionlog.graph.topology.LinkState.MinutesLinkEntry;
import io.decisionlog.graph.topology.LinkState.PrefixMatches;
import io.decisionlog.graph.topology.LinkState.PrefixRequest;
import io.decisionlog.graph.topology.RunState.CorrelationInput;
import io.decisionlog.graph.topology.RunState.DispatchLink;
import io.decisionlog.graph.topology.RunState.DispatchLinkUpdate;
import io.decisionlog.graph.topology.RunState.MergeEntry;
import io.decisionlog.graph.topology.RunState.RunEntry;
import io.decisionlog.graph.topology.RunState.RunFacts;
import io.decisionlog.graph.topology.RunState.RunsOfCommit;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The values of the repartition topics survive their trip through JSON, each kind as itself. */
class InternalTopicJsonTest {
    private static final CiRun RUN = Fixtures.dispatchedRun("9001", Fixtures.FEATURE, 30);
    private static final RunFacts FACTS = new RunFacts(RUN, new DispatchLink(1, "github:acme/payments:d-1",
            List.of("D-2025-001")));

    @Test
    void shouldRoundTripEachKindOfCorrelationInputUnderItsCompactTag() {
        JsonSerde<CorrelationInput> serde = JsonSerde.of(CorrelationInput.class);
        List<CorrelationInput> inputs = List.of(
                new CorrelationInput.Dispatch("github:acme/payments:d-1", Fixtures.dispatch("d-1", 0, "D-2025-001")),
                new CorrelationInput.Dispatch("github:acme/payments:d-1", null),
                new CorrelationInput.Run(RUN.key(), RUN),
                new CorrelationInput.Run(RUN.key(), null));

        for (CorrelationInput input : inputs) {
            byte[] json = serde.serialize("correlation-by-group", input);
            assertThat(serde.deserialize("correlation-by-group", json)).isEqualTo(input);
        }
        assertThat(text(serde.serialize("t", inputs.get(1))))
                .isEqualTo("{\"kind\":\"dispatch\",\"dispatchKey\":\"github:acme/payments:d-1\",\"dispatch\":null}");
        assertThat(text(serde.serialize("t", inputs.get(3))))
                .isEqualTo("{\"kind\":\"run\",\"runKey\":\"" + RUN.key() + "\",\"run\":null}");
    }

    @Test
    void shouldNotReadACorrelationInputWithoutItsKind() {
        JsonSerde<CorrelationInput> serde = JsonSerde.of(CorrelationInput.class);
        // the previous nullable-field form: the deserialization handler takes it, no stream thread dies
        byte[] untagged = bytes("{\"dispatchKey\":null,\"dispatch\":null,\"runKey\":\"k\",\"run\":null}");

        assertThatThrownBy(() -> serde.deserialize("correlation-by-group", untagged))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("CorrelationInput");
    }

    @Test
    void shouldRoundTripTheCommitKeyedEntriesAsThemselvesWithoutATag() {
        List<Object> values = List.of(
                new RunEntry(RUN.key(), FACTS),
                new RunEntry(RUN.key(), null),
                new MergeEntry(Fixtures.key(Fixtures.MERGE), new RunsOfCommit(Map.of(RUN.key(), FACTS))),
                new MergeEntry(Fixtures.key(Fixtures.MERGE), null),
                new MinutesLinkEntry("D-2025-001\u001fa9f3c1e", new MinutesLink("D-2025-001", "a9f3c1e", 1)),
                new MinutesLinkEntry("D-2025-001\u001fa9f3c1e", null),
                new DispatchLinkUpdate("group", new DispatchLink(2, null, List.of()), RUN.commitKey()),
                new PrefixMatches(3, new PrefixRequest("D-2025-001", null, "a9f3c1e", "a9f3c1e"),
                        List.of(Fixtures.key(Fixtures.FEATURE))));

        for (Object value : values) {
            assertThat(roundTrip(value)).isEqualTo(value);
            assertThat(text(JsonSerde.of(Object.class).serialize("t", value))).doesNotContain("\"kind\"");
        }
    }

    @Test
    void shouldNotReadARunEntryWithoutItsRunKey() {
        // e.g. the previous envelope {"commit":null,"run":{...}}: a deserialization error, not a retraction of null
        byte[] envelope = bytes("{\"commit\":null,\"run\":{\"runKey\":\"k\",\"facts\":null}}");

        assertThatThrownBy(() -> JsonSerde.of(RunEntry.class).deserialize("run-entries", envelope))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("RunEntry");
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) {
        JsonSerde<T> serde = JsonSerde.of((Class<T>) value.getClass());
        return serde.deserialize("t", serde.serialize("t", value));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
