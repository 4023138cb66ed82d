package io.decisionlog.graph.topology;

import io.decisionlog.events.ChainDecision;
import io.decisionlog.events.CiDispatch;
import io.decisionlog.events.CiRun;
import io.decisionlog.events.DecisionChain;
import io.decisionlog.events.Via;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.decisionlog.graph.topology.Fixtures.FEATURE;
import static io.decisionlog.graph.topology.Fixtures.REPO;
import static io.decisionlog.graph.topology.Fixtures.T0;
import static io.decisionlog.graph.topology.Fixtures.commit;
import static io.decisionlog.graph.topology.Fixtures.dispatchedRun;
import static io.decisionlog.graph.topology.Fixtures.key;
import static io.decisionlog.graph.topology.Fixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a run's decision context reaches its chain, for a run that only the pull saw (the runs API carries no dispatch
 * inputs): from a matching dispatch delivery, from its title, or not at all (then its decision_ref says N/A, and the
 * commit's trailer may still trace the commit).
 */
class DecisionContextTest {
    private final GraphDriver graph = new GraphDriver();

    @AfterEach
    void close() {
        graph.close();
    }

    @Test
    void aPulledDispatchedRunGetsItsDispatchsReasonSenderAndInputs() {
        CiRun pulled = dispatchedRun("9001", FEATURE, 30).pulled();
        graph.commit(commit(FEATURE)).run(pulled).dispatch(new CiDispatch("github", REPO, Fixtures.WORKFLOW,
                "refs/heads/main", "li.wei", Map.of("decision_id", "D-2025-001", "reason", "gray release 5%"),
                List.of("D-2025-001"), "gray release 5%", "d-1", T0));

        CiRun inChain = graph.chain(key(FEATURE)).ciRuns().get(0);

        assertThat(inChain.origin()).isEqualTo(CiRun.PULL);
        assertThat(inChain.decisionRef()).isEqualTo("D-2025-001");
        assertThat(inChain.reason()).isEqualTo("gray release 5%");
        assertThat(inChain.triggeringActor()).isEqualTo("li.wei");
        assertThat(inChain.inputs()).containsEntry("reason", "gray release 5%").containsEntry("decision_id", "D-2025-001");
        assertThat(inChain.event()).isEqualTo("workflow_dispatch");
    }

    @Test
    void aPulledRunWhoseTitleNamesADecisionRefersToIt() {
        graph.commit(commit(FEATURE)).run(run("9001", FEATURE, "Deploy D-2025-002", List.of()).pulled());

        DecisionChain chain = graph.chain(key(FEATURE));

        assertThat(chain.ciRuns().get(0).decisionRef()).isEqualTo("D-2025-002");
        assertThat(chain.decisions()).containsExactly(new ChainDecision("D-2025-002", List.of(Via.CI_TITLE), null));
    }

    @Test
    void aRunWithoutADecisionSaysNAEvenWhenTheCommitsTrailerTracesTheCommit() {
        graph.commit(commit(FEATURE, List.of("D-2025-003"), List.of())).run(run("9001", FEATURE, "CI", List.of()).pulled());

        DecisionChain chain = graph.chain(key(FEATURE));

        assertThat(chain.ciRuns().get(0).decisionRef()).isEqualTo(CiRun.NO_DECISION);
        assertThat(chain.decisions()).extracting(ChainDecision::decisionId).containsExactly("D-2025-003");
        assertThat(chain.missing()).containsExactly("decision D-2025-003 has no minutes");
    }

    @Test
    void aDispatchThatIsAmbiguousBringsNothingOfItsContext() {
        graph.commit(commit(FEATURE)).run(dispatchedRun("9001", FEATURE, 30))
                .dispatch(Fixtures.dispatch("d-1", 0, "D-2025-004"))
                .dispatch(Fixtures.dispatch("d-2", 10, "D-2025-005"));

        CiRun inChain = graph.chain(key(FEATURE)).ciRuns().get(0);

        assertThat(inChain.decisionRef()).isEqualTo(CiRun.NO_DECISION);
        assertThat(inChain.reason()).isNull();
        assertThat(inChain.inputs()).isEmpty();
    }
}
