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

class DemoLoadTest {
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
        DemoLoad.ExpectedRun expected = new DemoLoad.ExpectedRun("10245598123", sent);

        assertThat(expected.seenIn(List.of(run("10245598123", sent)))).isTrue();
        assertThat(expected.seenIn(List.of(run("10245598123", sent.minusSeconds(90))))).isFalse();
        assertThat(expected.seenIn(List.of(run("1", sent)))).isFalse();
        assertThat(new DemoLoad.ExpectedRun("10245598123", null).seenIn(List.of(run("10245598123", sent.minusSeconds(90)))))
                .isTrue();
    }

    @Test
    void shouldListWhatIsMissingAndExplainAnAmbiguousDispatch() {
        Map<DemoLoad.Target, List<String>> pending = new LinkedHashMap<>();
        List<DemoLoad.Target> targets = DemoLoad.targets(team);
        pending.put(targets.get(0), List.of("no CI run for this commit"));
        String plain = DemoLoad.incomplete(pending, "after 120 s");
        assertThat(plain).startsWith("these chains are not complete after 120 s:\n  60074a6 Raise callback retries for the"
                + " P0 alerts (config/payments.yaml:16)\n    missing: no CI run for this commit\n").doesNotContain("window");

        pending.put(targets.get(1), List.of("dispatch for run 10245598123 is ambiguous: 2 candidates"));
        assertThat(DemoLoad.incomplete(pending, "now")).contains("035bc5c Send settlement files every 15 minutes"
                + " (config/payments.yaml:21)", "dispatch window", "run ./decisionlog demo again");
        assertThat(DemoLoad.isAmbiguity("dispatch for run 7 is ambiguous: 3 candidates")).isTrue();
        assertThat(DemoLoad.isAmbiguity("no decision for this commit")).isFalse();
        assertThat(targets.get(1).sha()).isEqualTo(team.sha(Step.BATCHING));
    }

    private static CiRun run(String runId, Instant updatedAt) {
        return new CiRun("github", "acme/payments", runId, 1, "Release", ".github/workflows/release.yml", "workflow_dispatch",
                team.sha(Step.MERGE), "main", "carlos-mendes", "completed", "success", updatedAt, updatedAt, updatedAt,
                null, "Release", List.of(), null, "d", updatedAt);
    }
}
