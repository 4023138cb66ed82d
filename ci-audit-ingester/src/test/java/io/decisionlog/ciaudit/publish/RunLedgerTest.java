package io.decisionlog.ciaudit.publish;

import io.decisionlog.events.CiRun;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RunLedgerTest {
    private static final Instant T = Instant.parse("2024-04-10T09:00:00Z");
    private final RunLedger ledger = new RunLedger(Duration.ofDays(7));

    @Test
    void shouldPublishOnlyNewerStatusesOfARun() {
        CiRun completed = run("completed", T.plusSeconds(60), T.plusSeconds(61));
        assertThat(ledger.isNews(completed)).isTrue();
        ledger.record(completed);
        assertThat(ledger.isNews(run("in_progress", T.plusSeconds(30), T.plusSeconds(90)))).isFalse();
        assertThat(ledger.isNews(run("completed", T.plusSeconds(60), T.plusSeconds(120)))).isFalse();
    }

    @Test
    void shouldNotLetAnOlderRecordFromTheTopicReplaceANewerOne() {
        ledger.record(run("completed", T.plusSeconds(60), T));
        ledger.record(run("queued", T, T));
        assertThat(ledger.isNews(run("in_progress", T.plusSeconds(30), T))).isFalse();
    }

    @Test
    void shouldForgetTombstonedAndExpiredRuns() {
        CiRun run = run("completed", T, T);
        ledger.record(run);
        ledger.forgetRun(run.key());
        assertThat(ledger.isNews(run)).isTrue();

        ledger.record(run);
        ledger.recordDispatch("github:acme/payments:d", T);
        assertThat(ledger.evictOlderThan(T.plus(Duration.ofDays(8)))).isEqualTo(2);
        assertThat(ledger.size()).isZero();
    }

    private static CiRun run(String status, Instant updatedAt, Instant receivedAt) {
        return new CiRun("github", "acme/payments", "9001", 1, "ci", null, "push",
                "a9f3c1e0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6", "main", "li.wei", status, null, null, updatedAt, null,
                null, null, List.of(), null, "d", receivedAt);
    }
}
