package io.decisionlog.graph.store;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class TraceNoticesTest {

    @Test
    void shouldReadBackWhatItNamesWhateverTheNamesHoldInside() {
        List<TraceNotices.Stale> stale = List.of(
                new TraceNotices.Stale.File("acme/payments", "config/a:12:b.yaml"),
                new TraceNotices.Stale.Chain("acme/payments", "3f2a9c1" + "0".repeat(33)),
                new TraceNotices.Stale.File("ünï/çødé", "路径/配置 10:x.yaml"),
                new TraceNotices.Stale.File("r", ""));

        List<String> payloads = TraceNotices.payloads(stale);

        assertThat(payloads).hasSize(1);
        assertThat(TraceNotices.read(payloads.get(0))).contains(stale);
    }

    @Test
    void shouldSplitWhatDoesNotFitOnePayloadAndGiveUpOnTooMany() {
        List<TraceNotices.Stale> files = IntStream.range(0, 400)
                .mapToObj(i -> (TraceNotices.Stale) new TraceNotices.Stale.File("acme/payments", "svc-" + i + "/deploy/features.yaml"))
                .toList();

        List<String> payloads = TraceNotices.payloads(files);

        assertThat(payloads).hasSizeGreaterThan(1)
                .allSatisfy(p -> assertThat(p.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(TraceNotices.MAX_PAYLOAD_BYTES));
        List<TraceNotices.Stale> read = new ArrayList<>();
        payloads.forEach(p -> read.addAll(TraceNotices.read(p).orElseThrow()));
        assertThat(read).isEqualTo(files);

        List<TraceNotices.Stale> many = IntStream.range(0, 10_000)
                .mapToObj(i -> (TraceNotices.Stale) new TraceNotices.Stale.Chain("acme/payments", "%040x".formatted(i))).toList();
        assertThat(TraceNotices.payloads(many)).containsExactly(TraceNotices.EVERYTHING);
        assertThat(TraceNotices.payloads(List.of(new TraceNotices.Stale.File("r", "p".repeat(8_000)))))
                .containsExactly(TraceNotices.EVERYTHING);
        assertThat(TraceNotices.payloads(List.of())).isEmpty();
    }

    @Test
    void shouldTakeEverythingAndWhatItCannotReadAsForgetEverything() {
        assertThat(TraceNotices.read(TraceNotices.EVERYTHING)).isEmpty();
        assertThat(TraceNotices.read("f9:acme")).isEmpty();
        assertThat(TraceNotices.read("x1:a1:b")).isEmpty();
        assertThat(TraceNotices.read("fx:a1:b")).isEmpty();
        assertThat(TraceNotices.read("")).isEqualTo(Optional.of(List.of()));
    }

    @Test
    void shouldNameTheFilesAndChainsAChangeReplacesAndNothingElse() {
        List<StoreChange> changes = List.of(
                new StoreChange.Blame("acme/p", "a.yaml", null),
                new StoreChange.Chain("acme/p", "abc", null, null, null),
                new StoreChange.Minutes("D-2024-001", null, null),
                new StoreChange.LogAppend(3, "chains", "k", new byte[0]));

        assertThat(TraceNotices.stale(changes)).containsExactly(
                new TraceNotices.Stale.File("acme/p", "a.yaml"), new TraceNotices.Stale.Chain("acme/p", "abc"));
    }
}
