package io.decisionlog.graph.topology;

import io.decisionlog.events.ChainDecision;
import io.decisionlog.events.CiDispatch;
import io.decisionlog.events.CiRun;
import io.decisionlog.events.Via;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.decisionlog.graph.topology.Fixtures.FEATURE;
import static io.decisionlog.graph.topology.Fixtures.commit;
import static io.decisionlog.graph.topology.Fixtures.dispatch;
import static io.decisionlog.graph.topology.Fixtures.dispatchedRun;
import static io.decisionlog.graph.topology.Fixtures.key;
import static org.assertj.core.api.Assertions.assertThat;

/** workflow_dispatch deliveries correlated with the runs they caused: one match links, anything else says why. */
class DispatchCorrelationTest {
    private final GraphDriver graph = new GraphDriver();

    @AfterEach
    void close() {
        graph.close();
    }

    @Test
    void shouldLinkTheDispatchWhenTheRunArrivesFirst() {
        graph.commit(commit(FEATURE)).run(dispatchedRun("9001", FEATURE, 30));

        graph.dispatch(dispatch("d-1", 0, "D-2025-004"));

        assertThat(graph.chain(key(FEATURE)).decisions())
                .containsExactly(new ChainDecision("D-2025-004", List.of(Via.CI_DISPATCH), null));
    }

    @Test
    void shouldReportAnAmbiguousDispatchAndLinkNothing() {
        graph.commit(commit(FEATURE))
                .dispatch(dispatch("d-1", 0, "D-2025-004"))
                .dispatch(dispatch("d-2", 10, "D-2025-008"))
                .run(dispatchedRun("9001", FEATURE, 30));

        assertThat(graph.chain(key(FEATURE)).decisions()).isEmpty();
        assertThat(graph.chain(key(FEATURE)).missing())
                .contains("dispatch for run 9001 is ambiguous: 2 candidates");
    }

    @Test
    void shouldLinkOnceADeletedDispatchLeavesOneCandidate() {
        CiDispatch second = dispatch("d-2", 10, "D-2025-008");
        graph.commit(commit(FEATURE))
                .dispatch(dispatch("d-1", 0, "D-2025-004"))
                .dispatch(second)
                .run(dispatchedRun("9001", FEATURE, 30));

        graph.deleteDispatch(second.key());

        assertThat(graph.chain(key(FEATURE)).decisions()).extracting(ChainDecision::decisionId)
                .containsExactly("D-2025-004");
    }

    @Test
    void shouldNotLinkARunStartedAfterTheWindow() {
        graph.commit(commit(FEATURE))
                .dispatch(dispatch("d-1", 0, "D-2025-004"))
                .run(dispatchedRun("9001", FEATURE, 121));

        assertThat(graph.chain(key(FEATURE)).missing()).containsExactly(
                "no decision for this commit", "run 9001 carries no decision id and no dispatch matched it");
    }

    @Test
    void shouldNotLinkARunStartedBeforeTheDispatch() {
        graph.commit(commit(FEATURE))
                .dispatch(dispatch("d-1", 60, "D-2025-004"))
                .run(dispatchedRun("9001", FEATURE, 30));

        assertThat(graph.chain(key(FEATURE)).decisions()).isEmpty();
    }

    @Test
    void shouldNotLinkADispatchBySomeoneElseOrOnAnotherBranch() {
        CiDispatch base = dispatch("d-1", 0, "D-2025-004");
        graph.commit(commit(FEATURE))
                .dispatch(new CiDispatch("github", base.repo(), base.workflowPath(), "refs/heads/main", "zhang.san",
                        base.inputs(), base.decisionIds(), null, "d-other-sender", base.receivedAt()))
                .dispatch(new CiDispatch("github", base.repo(), base.workflowPath(), "refs/heads/release", "li.wei",
                        base.inputs(), base.decisionIds(), null, "d-other-ref", base.receivedAt()))
                .run(dispatchedRun("9001", FEATURE, 30));

        assertThat(graph.chain(key(FEATURE)).decisions()).isEmpty();
    }

    @Test
    void shouldUseUpdatedAtWhenTheRunHasNoStartTime() {
        CiRun run = dispatchedRun("9001", FEATURE, 30);
        CiRun unstarted = new CiRun(run.provider(), run.repo(), run.runId(), run.attempt(), run.workflow(),
                run.workflowPath(), run.event(), run.headSha(), run.headBranch(), run.actor(), "queued", null, null,
                Fixtures.T0.plusSeconds(5), null, run.url(), run.title(), run.decisionIds(), null, run.deliveryId(),
                run.receivedAt());
        graph.commit(commit(FEATURE)).dispatch(dispatch("d-1", 0, "D-2025-004")).run(unstarted);

        assertThat(graph.chain(key(FEATURE)).decisions()).extracting(ChainDecision::decisionId)
                .containsExactly("D-2025-004");
    }

    @Test
    void shouldFollowARunWhoseLaterStatusNamesAnotherBranch() {
        CiDispatch main = dispatch("d-main", 0, "D-2025-004");
        CiDispatch release = new CiDispatch("github", main.repo(), main.workflowPath(), "refs/heads/release",
                main.sender(), java.util.Map.of("decision_id", "D-2025-008"), List.of("D-2025-008"), null, "d-release",
                main.receivedAt());
        CiRun completed = dispatchedRun("9001", FEATURE, 30);
        CiRun onRelease = new CiRun(completed.provider(), completed.repo(), completed.runId(), completed.attempt(),
                completed.workflow(), completed.workflowPath(), completed.event(), completed.headSha(), "release",
                completed.actor(), completed.status(), completed.conclusion(), completed.startedAt(),
                completed.updatedAt(), completed.completedAt(), completed.url(), completed.title(),
                completed.decisionIds(), null, completed.deliveryId(), completed.receivedAt());
        graph.commit(commit(FEATURE)).dispatch(main).dispatch(release)
                .run(Fixtures.withStatus(completed, "in_progress", 31));

        graph.run(onRelease);

        assertThat(graph.chain(key(FEATURE)).decisions())
                .containsExactly(new ChainDecision("D-2025-008", List.of(Via.CI_DISPATCH), null));
    }

    @Test
    void shouldUnlinkWhenTheDispatchedRunIsDeleted() {
        CiRun run = dispatchedRun("9001", FEATURE, 30);
        graph.commit(commit(FEATURE)).dispatch(dispatch("d-1", 0, "D-2025-004")).run(run);

        graph.deleteRun(run.key());

        assertThat(graph.chain(key(FEATURE)).decisions()).isEmpty();
        assertThat(graph.chain(key(FEATURE)).ciRuns()).isEmpty();
    }
}
