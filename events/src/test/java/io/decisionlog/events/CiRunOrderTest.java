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

    @Test
    void shouldNotLetAFutureUpdatedAtPinARunsStateForever() {
        CiRun fromTheFuture = received(run("in_progress", T.plusSeconds(86_400 * 365)), T);
        CiRun laterCompleted = received(run("in_progress", T.plusSeconds(600)), T.plusSeconds(600));

        CiRun trusted = CiRunOrder.trusted(fromTheFuture);

        assertThat(trusted.updatedAt()).isEqualTo(T);
        assertThat(CiRunOrder.supersedes(CiRunOrder.trusted(laterCompleted), trusted)).isTrue();
        CiRun skewed = received(run("in_progress", T.plusSeconds(120)), T);
        assertThat(CiRunOrder.trusted(skewed)).as("within clock skew: as sent").isSameAs(skewed);
    }

    private static CiRun received(CiRun run, Instant at) {
        return new CiRun(run.provider(), run.repo(), run.runId(), run.attempt(), run.workflow(), run.workflowPath(),
                run.event(), run.headSha(), run.headBranch(), run.actor(), run.status(), run.conclusion(),
                run.startedAt(), run.updatedAt(), run.completedAt(), run.url(), run.title(), run.decisionIds(),
                run.reason(), run.deliveryId(), at);
    }

    private static CiRun run(String status, Instant updatedAt) {
        return new CiRun("github", "acme/payments", "1", 1, "ci", ".github/workflows/ci.yml", "push",
                SampleEvents.SHA, "main", "li.wei", status, null, null, updatedAt, null, null, null,
                List.of(), null, null, null);
    }
}
