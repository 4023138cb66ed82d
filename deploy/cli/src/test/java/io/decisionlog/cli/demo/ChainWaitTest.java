package io.decisionlog.cli.demo;

import io.decisionlog.cli.demo.SampleTeam.Built;
import io.decisionlog.cli.demo.SampleTeam.Step;
import io.decisionlog.events.CiRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ChainWaitTest {
    @TempDir
    static Path dir;
    static Built team;

    @BeforeAll
    static void build() throws Exception {
        team = SampleTeam.build(dir.resolve("demo"));
    }

    @Test
    void shouldWaitForTheRunItSentRatherThanOneAnEarlierDemoLeft() {
        Instant sent = Instant.parse("2026-01-05T10:00:03Z");
        ChainWait.ExpectedRun expected = new ChainWait.ExpectedRun("10245598123", sent);

        assertThat(expected.seenIn(List.of(run("10245598123", sent)))).isTrue();
        assertThat(expected.seenIn(List.of(run("10245598123", sent.minusSeconds(90))))).isFalse();
        assertThat(expected.seenIn(List.of(run("1", sent)))).isFalse();
        assertThat(new ChainWait.ExpectedRun("10245598123", null).seenIn(List.of(run("10245598123", sent.minusSeconds(90)))))
                .isTrue();
    }

    @Test
    void shouldListWhatIsMissingAndExplainAnAmbiguousDispatch() {
        Map<ChainWait.Target, List<String>> pending = new LinkedHashMap<>();
        List<ChainWait.Target> targets = ChainWait.targets(team);
        pending.put(targets.get(0), List.of("no CI run for this commit"));
        String plain = ChainWait.incomplete(pending, "after 120 s");
        assertThat(plain).startsWith("these chains are not complete after 120 s:\n  60074a6 Raise callback retries for the"
                + " P0 alerts (config/payments.yaml:16)\n    missing: no CI run for this commit\n").doesNotContain("window");

        pending.put(targets.get(1), List.of("dispatch for run 10245598123 is ambiguous: 2 candidates"));
        assertThat(ChainWait.incomplete(pending, "now")).contains("035bc5c Send settlement files every 15 minutes"
                + " (config/payments.yaml:21)", "dispatch window", "run ./decisionlog demo again");
        assertThat(ChainWait.isAmbiguity("dispatch for run 7 is ambiguous: 3 candidates")).isTrue();
        assertThat(ChainWait.isAmbiguity("no decision for this commit")).isFalse();
        assertThat(targets.get(1).sha()).isEqualTo(team.sha(Step.BATCHING));
    }

    private static CiRun run(String runId, Instant updatedAt) {
        return new CiRun("github", "acme/payments", runId, 1, "Release", ".github/workflows/release.yml", "workflow_dispatch",
                team.sha(Step.MERGE), "main", "carlos-mendes", "completed", "success", updatedAt, updatedAt, updatedAt,
                null, "Release", List.of(), null, "d", updatedAt);
    }
}
