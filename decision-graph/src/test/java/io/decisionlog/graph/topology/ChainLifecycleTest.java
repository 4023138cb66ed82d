package io.decisionlog.graph.topology;

import io.decisionlog.events.ChainDecision;
import io.decisionlog.events.CiRun;
import io.decisionlog.events.DecisionChain;
import io.decisionlog.events.Via;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.decisionlog.graph.topology.Fixtures.FEATURE;
import static io.decisionlog.graph.topology.Fixtures.MERGE;
import static io.decisionlog.graph.topology.Fixtures.commit;
import static io.decisionlog.graph.topology.Fixtures.key;
import static io.decisionlog.graph.topology.Fixtures.minutes;
import static io.decisionlog.graph.topology.Fixtures.run;
import static io.decisionlog.graph.topology.Fixtures.withStatus;
import static org.assertj.core.api.Assertions.assertThat;

/** Runs, minutes and commits changing and going away: statuses, redeliveries, edits, tombstones. */
class ChainLifecycleTest {
    private final GraphDriver graph = new GraphDriver();

    @AfterEach
    void close() {
        graph.close();
    }

    @Test
    void shouldNameEveryMissingHopOfABareCommit() {
        graph.commit(commit(FEATURE));

        DecisionChain chain = graph.chain(key(FEATURE));

        assertThat(chain.complete()).isFalse();
        assertThat(chain.missing()).containsExactly("no CI run for this commit", "no decision for this commit");
    }

    @Test
    void shouldSayWhichRunCarriesNoDecisionId() {
        graph.commit(commit(FEATURE)).run(run("9001", FEATURE, "CI", List.of()));

        assertThat(graph.chain(key(FEATURE)).missing())
                .containsExactly("no decision for this commit", "run 9001 carries no decision id");
    }

    @Test
    void shouldEmitNoChainForRunsOfAnUnknownCommit() {
        graph.run(run("9001", FEATURE, "Deploy D-2025-001", List.of()));

        assertThat(graph.chains()).isEmpty();
    }

    @Test
    void shouldKeepTheNewestStatusWhenAStaleOneArrivesLate() {
        CiRun completed = run("9001", FEATURE, "Deploy D-2025-001", List.of());
        graph.commit(commit(FEATURE))
                .run(completed)
                .run(withStatus(completed, "in_progress", 30));

        assertThat(graph.chain(key(FEATURE)).ciRuns())
                .containsExactly(completed.inChain(List.of("D-2025-001"), null, null, Map.of()));
    }

    @Test
    void shouldTakeTheNewerStatusWhenItArrivesLast() {
        CiRun completed = run("9001", FEATURE, "Deploy D-2025-001", List.of());
        graph.commit(commit(FEATURE))
                .run(withStatus(completed, "queued", 1))
                .run(withStatus(completed, "in_progress", 30))
                .run(completed);

        assertThat(graph.chain(key(FEATURE)).ciRuns()).extracting(CiRun::status).containsExactly("completed");
    }

    @Test
    void shouldChangeNothingWhenARunIsRedelivered() {
        CiRun run = run("9001", FEATURE, "Deploy D-2025-001", List.of());
        graph.commit(commit(FEATURE)).run(run);
        DecisionChain before = graph.chain(key(FEATURE));

        graph.run(run).run(run);

        assertThat(graph.chain(key(FEATURE))).isEqualTo(before);
        assertThat(graph.chain(key(FEATURE)).ciRuns()).hasSize(1);
    }

    @Test
    void shouldNotWriteAnUnchangedChainAgain() {
        CiRun run = run("9001", FEATURE, "Deploy D-2025-001", List.of());
        graph.commit(commit(FEATURE)).run(run).minutes(minutes("D-2025-001", "Title"));
        int written = graph.chainRecords();

        graph.run(run).commit(commit(FEATURE)).minutes(minutes("D-2025-001", "Title"));

        assertThat(graph.chainRecords()).isEqualTo(written);
        graph.minutes(minutes("D-2025-001", "New title"));
        assertThat(graph.chainRecords()).isEqualTo(written + 1);
    }

    @Test
    void shouldKeepEachAttemptOfARunAsItsOwnRun() {
        CiRun first = run("9001", FEATURE, "CI", List.of());
        CiRun second = new CiRun(first.provider(), first.repo(), first.runId(), 2, first.workflow(),
                first.workflowPath(), first.event(), first.headSha(), first.headBranch(), first.actor(), "completed",
                "success", first.startedAt(), first.updatedAt().plusSeconds(60), null, first.url(), "Retry D-2025-002",
                List.of(), null, "d-2", first.receivedAt());
        graph.commit(commit(FEATURE)).run(first).run(second);

        DecisionChain chain = graph.chain(key(FEATURE));

        assertThat(chain.ciRuns()).extracting(CiRun::attempt).containsExactly(1, 2);
        assertThat(chain.decisions()).extracting(ChainDecision::decisionId).containsExactly("D-2025-002");
    }

    @Test
    void shouldRetractWhatADeletedRunSupported() {
        CiRun run = run("9001", FEATURE, "Deploy D-2025-001", List.of());
        graph.commit(commit(FEATURE)).run(run);

        graph.deleteRun(run.key());

        DecisionChain chain = graph.chain(key(FEATURE));
        assertThat(chain.ciRuns()).isEmpty();
        assertThat(chain.decisions()).isEmpty();
        assertThat(chain.missing()).containsExactly("no CI run for this commit", "no decision for this commit");
    }

    @Test
    void shouldFollowEditedMinutes() {
        graph.commit(commit(FEATURE, List.of("D-2025-001"), List.of()))
                .minutes(minutes("D-2025-001", "First title"));

        graph.minutes(minutes("D-2025-001", "Edited title"));

        assertThat(graph.chain(key(FEATURE)).decisions()).singleElement()
                .satisfies(decision -> assertThat(decision.minutes().title()).isEqualTo("Edited title"));
    }

    @Test
    void shouldMoveMinutesLinkWhenTheMinutesListAnotherCommit() {
        graph.commit(commit(FEATURE)).commit(commit(MERGE))
                .minutes(minutes("D-2025-005", "Moved", "a9f3c1e0"));

        graph.minutes(minutes("D-2025-005", "Moved", "b1b2b3b4"));

        assertThat(graph.chain(key(FEATURE)).decisions()).isEmpty();
        assertThat(graph.chain(key(MERGE)).decisions())
                .extracting(ChainDecision::decisionId, ChainDecision::via)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("D-2025-005", List.of(Via.MINUTES)));
    }

    @Test
    void shouldRetractMinutesAndMinutesLinksWhenADecisionIsDeleted() {
        graph.commit(commit(FEATURE, List.of("D-2025-001"), List.of()))
                .commit(commit(MERGE))
                .minutes(minutes("D-2025-001", "Trailer-linked"))
                .minutes(minutes("D-2025-005", "Minutes-linked", "b1b2b3b4"));

        graph.deleteMinutes("D-2025-001").deleteMinutes("D-2025-005");

        DecisionChain feature = graph.chain(key(FEATURE));
        assertThat(feature.decisions()).containsExactly(new ChainDecision("D-2025-001", List.of(Via.TRAILER), null));
        assertThat(feature.missing()).contains("decision D-2025-001 has no minutes");
        assertThat(graph.chain(key(MERGE)).decisions()).isEmpty();
    }

    @Test
    void shouldEmitATombstoneWhenTheCommitIsDeleted() {
        graph.commit(commit(FEATURE, List.of("D-2025-001"), List.of()))
                .commit(commit(MERGE))
                .run(run("9001", FEATURE, "CI", List.of()));

        graph.deleteCommit(key(FEATURE)).deleteCommit(key(MERGE));

        assertThat(graph.chains()).isEmpty();
    }

    @Test
    void shouldRebuildTheChainWhenADeletedCommitComesBack() {
        graph.commit(commit(FEATURE)).run(run("9001", FEATURE, "Deploy D-2025-001", List.of()));
        graph.deleteCommit(key(FEATURE));

        graph.commit(commit(FEATURE));

        assertThat(graph.chain(key(FEATURE)).decisions()).extracting(ChainDecision::decisionId)
                .containsExactly("D-2025-001");
    }

    @Test
    void shouldRetractMergeRunsWhenTheMergeCommitIsDeleted() {
        graph.commit(commit(FEATURE))
                .commit(commit(MERGE, List.of(), List.of(FEATURE)))
                .run(run("9002", MERGE, "Release D-2025-006", List.of()));

        graph.deleteCommit(key(MERGE));

        DecisionChain feature = graph.chain(key(FEATURE));
        assertThat(feature.ciRuns()).isEmpty();
        assertThat(feature.decisions()).isEmpty();
    }

    @Test
    void shouldGiveIntroducedCommitTheRunsOfItsMergeCommitWhateverArrivesFirst() {
        graph.run(run("9002", MERGE, "Release D-2025-006", List.of()))
                .commit(commit(MERGE, List.of(), List.of(FEATURE)))
                .commit(commit(FEATURE));

        assertThat(graph.chain(key(FEATURE)).decisions())
                .containsExactly(new ChainDecision("D-2025-006", List.of(Via.CI_TITLE, Via.MERGE), null));
    }

    @Test
    void shouldHonourAConfiguredDecisionIdPattern() {
        try (GraphDriver custom = new GraphDriver(new GraphSettings("ADR-\\d+", GraphSettings.DEFAULT_DISPATCH_WINDOW,
                GraphSettings.StoreKind.IN_MEMORY))) {
            custom.commit(commit(FEATURE, List.of("ADR-12", "D-2025-001"), List.of()))
                    .run(run("9001", FEATURE, "Deploy ADR-7 and D-2025-002", List.of()));

            assertThat(custom.chain(key(FEATURE)).decisions()).extracting(ChainDecision::decisionId)
                    .containsExactly("ADR-12", "ADR-7");
        }
    }

    @Test
    void shouldSkipAnUnreadableRecordAndKeepProcessing() {
        graph.raw(io.decisionlog.events.Topics.CI_RUNS.name(), "github:acme/payments:1:1", "{not json")
                .raw(io.decisionlog.events.Topics.COMMITS.name(), key(FEATURE), "[1, 2, 3]")
                .commit(commit(FEATURE))
                .run(run("9001", FEATURE, "Deploy D-2025-001", List.of()));

        assertThat(graph.chain(key(FEATURE)).decisions()).extracting(ChainDecision::decisionId)
                .containsExactly("D-2025-001");
    }
}
