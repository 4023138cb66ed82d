package io.decisionlog.graph.topology;

import io.decisionlog.events.ChainDecision;
import io.decisionlog.events.DecisionChain;
import io.decisionlog.events.Via;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.decisionlog.graph.topology.Fixtures.FEATURE;
import static io.decisionlog.graph.topology.Fixtures.MERGE;
import static io.decisionlog.graph.topology.Fixtures.REPO;
import static io.decisionlog.graph.topology.Fixtures.commit;
import static io.decisionlog.graph.topology.Fixtures.dispatch;
import static io.decisionlog.graph.topology.Fixtures.dispatchedRun;
import static io.decisionlog.graph.topology.Fixtures.key;
import static io.decisionlog.graph.topology.Fixtures.minutes;
import static io.decisionlog.graph.topology.Fixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

/** One scenario per via of DESIGN.md, and one where a decision arrives by all six at once. */
class ViaTest {
    private final GraphDriver graph = new GraphDriver();

    @AfterEach
    void close() {
        graph.close();
    }

    @Test
    void shouldLinkTrailerDecisionWithItsMinutes() {
        graph.commit(commit(FEATURE, List.of("D-2025-001"), List.of()))
                .run(run("9001", FEATURE, "CI", List.of()))
                .minutes(minutes("D-2025-001", "Raise the callback timeout"));

        DecisionChain chain = graph.chain(key(FEATURE));

        assertThat(chain.commit().sha()).isEqualTo(FEATURE);
        assertThat(chain.ciRuns()).extracting("runId").containsExactly("9001");
        assertThat(chain.decisions()).containsExactly(new ChainDecision("D-2025-001", List.of(Via.TRAILER),
                minutes("D-2025-001", "Raise the callback timeout")));
        assertThat(chain.complete()).isTrue();
        assertThat(chain.missing()).isEmpty();
    }

    @Test
    void shouldLinkCiInputDecisionAndSayItsMinutesAreMissing() {
        graph.commit(commit(FEATURE)).run(run("9001", FEATURE, "Deploy", List.of(" D-2025-002 ")));

        DecisionChain chain = graph.chain(key(FEATURE));

        assertThat(chain.decisions()).containsExactly(new ChainDecision("D-2025-002", List.of(Via.CI_INPUT), null));
        assertThat(chain.complete()).isFalse();
        assertThat(chain.missing()).containsExactly("decision D-2025-002 has no minutes");
    }

    @Test
    void shouldLinkDecisionFoundInRunTitle() {
        graph.commit(commit(FEATURE)).run(run("9001", FEATURE, "Deploy D-2025-003 (gray release)", List.of()));

        assertThat(graph.chain(key(FEATURE)).decisions())
                .containsExactly(new ChainDecision("D-2025-003", List.of(Via.CI_TITLE), null));
    }

    @Test
    void shouldLinkDecisionOfTheDispatchThatCausedTheRun() {
        graph.commit(commit(FEATURE))
                .dispatch(dispatch("d-1", 0, "D-2025-004"))
                .run(dispatchedRun("9001", FEATURE, 30));

        assertThat(graph.chain(key(FEATURE)).decisions())
                .containsExactly(new ChainDecision("D-2025-004", List.of(Via.CI_DISPATCH), null));
    }

    @Test
    void shouldExpandShortShaOfMinutesToTheCommit() {
        graph.commit(commit(FEATURE)).minutes(minutes("D-2025-005", "Short sha", "a9f3c1e0b1"));

        assertThat(graph.chain(key(FEATURE)).decisions())
                .containsExactly(new ChainDecision("D-2025-005", List.of(Via.MINUTES), minutes("D-2025-005", "Short sha", "a9f3c1e0b1")));
    }

    @Test
    void shouldExpandRepositoryQualifiedShortShaOnlyInThatRepository() {
        graph.commit(commit(FEATURE))
                .minutes(minutes("D-2025-005", "Qualified", REPO + "@a9f3c1e0b1"))
                .minutes(minutes("D-2025-009", "Elsewhere", "acme/other@a9f3c1e0b1"));

        assertThat(graph.chain(key(FEATURE)).decisions()).extracting(ChainDecision::decisionId)
                .containsExactly("D-2025-005");
    }

    @Test
    void shouldGiveIntroducedCommitTheDecisionsOfRunsOnItsMergeCommit() {
        graph.commit(commit(FEATURE))
                .commit(commit(MERGE, List.of(), List.of(FEATURE)))
                .run(run("9002", MERGE, "Release D-2025-006", List.of()));

        DecisionChain feature = graph.chain(key(FEATURE));
        assertThat(feature.ciRuns()).extracting("runId").containsExactly("9002");
        assertThat(feature.decisions())
                .containsExactly(new ChainDecision("D-2025-006", List.of(Via.CI_TITLE, Via.MERGE), null));
        assertThat(graph.chain(key(MERGE)).decisions())
                .containsExactly(new ChainDecision("D-2025-006", List.of(Via.CI_TITLE), null));
    }

    @Test
    void shouldListEveryViaWhenOneDecisionArrivesBySixPaths() {
        graph.commit(commit(FEATURE, List.of("D-2025-010"), List.of()))
                .commit(commit(MERGE, List.of(), List.of(FEATURE)))
                .run(run("9001", FEATURE, "Deploy D-2025-010", List.of("D-2025-010")))
                .dispatch(dispatch("d-1", 0, "D-2025-010"))
                .run(dispatchedRun("9003", MERGE, 20))
                .minutes(minutes("D-2025-010", "All six", "a9f3c1e0"));

        DecisionChain chain = graph.chain(key(FEATURE));

        assertThat(chain.ciRuns()).extracting("runId").containsExactly("9001", "9003");
        assertThat(chain.decisions()).containsExactly(new ChainDecision("D-2025-010",
                List.of(Via.TRAILER, Via.CI_INPUT, Via.CI_TITLE, Via.CI_DISPATCH, Via.MINUTES, Via.MERGE),
                minutes("D-2025-010", "All six", "a9f3c1e0")));
        assertThat(chain.complete()).isTrue();
        assertThat(chain.missing()).isEmpty();
    }
}
