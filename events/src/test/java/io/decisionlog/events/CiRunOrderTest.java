package io.decisionlog.events;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CiRunOrderTest {
    private static final Instant T = Instant.parse("2024-04-10T09:00:00Z");

    @Test
    void shouldNeverLetAStaleStatusWinWhateverItsTimestamp() {
        CiRun completed = run(CiRunOrder.COMPLETED, T.plusSeconds(60));
        CiRun lateInProgress = run(CiRunOrder.IN_PROGRESS, T.plusSeconds(90));
        assertThat(CiRunOrder.supersedes(lateInProgress, completed)).isFalse();
        assertThat(CiRunOrder.supersedes(completed, lateInProgress)).isTrue();
    }

    @Test
    void shouldPreferTheLaterUpdateOfTheSameStatus() {
        assertThat(CiRunOrder.supersedes(run("in_progress", T.plusSeconds(5)), run("in_progress", T))).isTrue();
        assertThat(CiRunOrder.supersedes(run("in_progress", T), run("in_progress", T.plusSeconds(5)))).isFalse();
    }

    @Test
    void shouldTreatARedeliveryAsNothingNew() {
        assertThat(CiRunOrder.supersedes(run("completed", T), run("completed", T))).isFalse();
    }

    @Test
    void shouldAcceptAnythingWhenNothingIsKnown() {
        assertThat(CiRunOrder.supersedes(run("requested", null), null)).isTrue();
    }

    private static CiRun run(String status, Instant updatedAt) {
        return new CiRun("github", "acme/payments", "1", 1, "ci", ".github/workflows/ci.yml", "push",
                SampleEvents.SHA, "main", "li.wei", status, null, null, updatedAt, null, null, null,
                List.of(), null, null, null);
    }
}
