package io.decisionlog.graph.topology;

import io.decisionlog.events.CiDispatch;
import io.decisionlog.events.CiRun;
import io.decisionlog.events.DecisionIds;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.decisionlog.graph.topology.Fixtures.FEATURE;
import static io.decisionlog.graph.topology.Fixtures.dispatch;
import static io.decisionlog.graph.topology.Fixtures.dispatchedRun;
import static org.assertj.core.api.Assertions.assertThat;

class DispatchRuleTest {
    private final DispatchRule rule = new DispatchRule(Duration.ofMinutes(2), DecisionIds.defaults());

    @Test
    void shouldPutADispatchAndTheRunItCausedInTheSameGroup() {
        assertThat(DispatchRule.group(dispatch("d-1", 0, "D-2025-004")))
                .isEqualTo(DispatchRule.group(dispatchedRun("9001", FEATURE, 30)));
    }

    @Test
    void shouldAcceptABareBranchAsTheDispatchRef() {
        CiDispatch d = dispatch("d-1", 0, "D-2025-004");
        CiDispatch bare = new CiDispatch(d.provider(), d.repo(), d.workflowPath(), "main", d.sender(), d.inputs(),
                d.decisionIds(), d.reason(), d.deliveryId(), d.receivedAt());

        assertThat(DispatchRule.group(bare)).isEqualTo(DispatchRule.group(d));
    }

    @Test
    void shouldMatchRunsStartedWithinTheWindowBoundsIncluded() {
        CiDispatch d = dispatch("d-1", 0, "D-2025-004");

        assertThat(rule.matches(d, dispatchedRun("9001", FEATURE, 0))).isTrue();
        assertThat(rule.matches(d, dispatchedRun("9001", FEATURE, 120))).isTrue();
        assertThat(rule.matches(d, dispatchedRun("9001", FEATURE, 121))).isFalse();
        assertThat(rule.matches(d, dispatchedRun("9001", FEATURE, -1))).isFalse();
    }

    @Test
    void shouldTakeOnlyValidDecisionIdsOfTheDispatchOnce() {
        CiDispatch d = new CiDispatch("github", "acme/payments", ".github/workflows/deploy.yml", "refs/heads/main",
                "li.wei", Map.of("decision_id", " D-2025-004 "), List.of("D-2025-004", "not-an-id", "ADR-2025-0012"),
                null, "d-1", Fixtures.T0);

        assertThat(rule.decisionIds(d)).containsExactly("D-2025-004", "ADR-2025-0012");
    }

    @Test
    void shouldTreatOnlyWorkflowDispatchRunsAsDispatched() {
        CiRun push = Fixtures.run("9001", FEATURE, "CI", List.of());

        assertThat(DispatchRule.isDispatched(push)).isFalse();
        assertThat(DispatchRule.isDispatched(dispatchedRun("9002", FEATURE, 0))).isTrue();
    }
}
