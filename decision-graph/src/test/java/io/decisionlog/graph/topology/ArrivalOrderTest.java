package io.decisionlog.graph.topology;

import io.decisionlog.events.ChainDecision;
import io.decisionlog.events.CiDispatch;
import io.decisionlog.events.CiRun;
import io.decisionlog.events.DecisionChain;
import io.decisionlog.events.DecisionMinutes;
import io.decisionlog.events.GitCommit;
import io.decisionlog.events.Via;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Arrival order does not matter: one scenario (a commit, its merge commit, a run on each, a dispatch, minutes)
 * fed in every order gives the same chains. Each order plays in its own repository with its own shas and decision
 * ids, so all of them share one driver and stay independent.
 */
class ArrivalOrderTest {

    /** The scenario of order number {@code n}, and the chains it must end with. */
    record Scenario(int n) {
        String repo() {
            return "acme/order-" + n;
        }

        String feature() {
            return String.format("a%06x", n) + "0".repeat(33);
        }

        String merge() {
            return String.format("b%06x", n) + "1".repeat(33);
        }

        String id(int which) {
            return "D-2025-" + (1000 + 3 * n + which);
        }

        GitCommit featureCommit() {
            return Fixtures.inRepo(Fixtures.commit(feature(), List.of(id(0)), List.of()), repo());
        }

        GitCommit mergeCommit() {
            return Fixtures.inRepo(Fixtures.commit(merge(), List.of(), List.of(feature())), repo());
        }

        CiRun featureRun() {
            return inRepo(Fixtures.run("9001", feature(), "Deploy " + id(1), List.of()));
        }

        CiRun staleFeatureRun() {
            return Fixtures.withStatus(featureRun(), "in_progress", 30);
        }

        CiRun mergeRun() {
            return inRepo(Fixtures.dispatchedRun("9002", merge(), 30));
        }

        CiDispatch dispatch() {
            CiDispatch d = Fixtures.dispatch("d-" + n, 0, id(2));
            return new CiDispatch(d.provider(), repo(), d.workflowPath(), d.ref(), d.sender(), d.inputs(),
                    d.decisionIds(), d.reason(), d.deliveryId(), d.receivedAt());
        }

        DecisionMinutes minutes() {
            return Fixtures.minutes(id(1), "Minutes " + n, repo() + "@" + feature().substring(0, 10));
        }

        List<Consumer<GraphDriver>> records() {
            return List.of(g -> g.commit(featureCommit()), g -> g.commit(mergeCommit()), g -> g.run(featureRun()),
                    g -> g.run(mergeRun()), g -> g.dispatch(dispatch()), g -> g.minutes(minutes()));
        }

        DecisionChain expectedFeatureChain() {
            return new DecisionChain(featureCommit(), List.of(chainedFeatureRun(), chainedMergeRun()), List.of(
                    new ChainDecision(id(0), List.of(Via.TRAILER), null),
                    new ChainDecision(id(1), List.of(Via.CI_TITLE, Via.MINUTES), minutes()),
                    new ChainDecision(id(2), List.of(Via.CI_DISPATCH, Via.MERGE), null)),
                    false, List.of("decision " + id(0) + " has no minutes", "decision " + id(2) + " has no minutes"));
        }

        DecisionChain expectedMergeChain() {
            return new DecisionChain(mergeCommit(), List.of(chainedMergeRun()),
                    List.of(new ChainDecision(id(2), List.of(Via.CI_DISPATCH), null)),
                    false, List.of("decision " + id(2) + " has no minutes"));
        }

        /** As a chain shows it: the decision its title brought. */
        private CiRun chainedFeatureRun() {
            return featureRun().inChain(List.of(id(1)), null, null, Map.of());
        }

        /** As a chain shows it: its dispatch's decision, sender, reason and inputs. */
        private CiRun chainedMergeRun() {
            CiDispatch dispatch = dispatch();
            return mergeRun().inChain(List.of(id(2)), dispatch.reason(), dispatch.sender(), dispatch.inputs());
        }

        private CiRun inRepo(CiRun run) {
            return new CiRun(run.provider(), repo(), run.runId(), run.attempt(), run.workflow(), run.workflowPath(),
                    run.event(), run.headSha(), run.headBranch(), run.actor(), run.status(), run.conclusion(),
                    run.startedAt(), run.updatedAt(), run.completedAt(), run.url(), run.title(), run.decisionIds(),
                    run.reason(), run.deliveryId(), run.receivedAt());
        }
    }

    @Test
    void shouldEndWithTheSameChainsInEveryOneOf720Orders() {
        List<List<Integer>> orders = permutations(List.of(0, 1, 2, 3, 4, 5));
        assertThat(orders).hasSize(720);
        try (GraphDriver graph = new GraphDriver()) {
            for (int n = 0; n < orders.size(); n++) {
                Scenario scenario = new Scenario(n);
                orders.get(n).forEach(index -> scenario.records().get(index).accept(graph));
            }
            Map<String, DecisionChain> chains = graph.chains();
            assertThat(chains).hasSize(2 * orders.size());
            for (int n = 0; n < orders.size(); n++) {
                Scenario scenario = new Scenario(n);
                assertThat(chains.get(scenario.repo() + "@" + scenario.feature())).as("order %s", orders.get(n))
                        .isEqualTo(scenario.expectedFeatureChain());
                assertThat(chains.get(scenario.repo() + "@" + scenario.merge())).as("order %s", orders.get(n))
                        .isEqualTo(scenario.expectedMergeChain());
            }
        }
    }

    @Test
    void shouldEndWithTheSameChainsWithStaleStatusesAndRedeliveriesInRandomOrders() {
        Random random = new Random(20250301L);
        try (GraphDriver graph = new GraphDriver()) {
            int orders = 400;
            for (int n = 0; n < orders; n++) {
                Scenario scenario = new Scenario(10_000 + n);
                List<Consumer<GraphDriver>> records = new ArrayList<>(scenario.records());
                records.add(g -> g.run(scenario.staleFeatureRun()));
                records.add(g -> g.run(scenario.mergeRun()));
                records.add(g -> g.dispatch(scenario.dispatch()));
                records.add(g -> g.commit(scenario.featureCommit()));
                Collections.shuffle(records, random);
                records.forEach(record -> record.accept(graph));
            }
            Map<String, DecisionChain> chains = graph.chains();
            for (int n = 0; n < orders; n++) {
                Scenario scenario = new Scenario(10_000 + n);
                assertThat(chains.get(scenario.repo() + "@" + scenario.feature()))
                        .isEqualTo(scenario.expectedFeatureChain());
                assertThat(chains.get(scenario.repo() + "@" + scenario.merge()))
                        .isEqualTo(scenario.expectedMergeChain());
            }
        }
    }

    private static List<List<Integer>> permutations(List<Integer> items) {
        if (items.isEmpty()) {
            return List.of(List.of());
        }
        List<List<Integer>> result = new ArrayList<>();
        for (Integer first : items) {
            List<Integer> rest = new ArrayList<>(items);
            rest.remove(first);
            for (List<Integer> tail : permutations(rest)) {
                List<Integer> order = new ArrayList<>();
                order.add(first);
                order.addAll(tail);
                result.add(order);
            }
        }
        return result;
    }
}
