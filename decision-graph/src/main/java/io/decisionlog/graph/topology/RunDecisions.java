package io.decisionlog.graph.topology;

import io.decisionlog.events.CiRun;
import io.decisionlog.events.DecisionIds;
import io.decisionlog.events.Via;
import io.decisionlog.graph.topology.RunState.RunFacts;

import java.util.EnumSet;
import java.util.Map;
import java.util.TreeMap;

/**
 * The decisions one run brings: {@code ci_input} from its explicit decision ids (the ingester puts only explicit
 * inputs there), {@code ci_title} from ids found in its title, {@code ci_dispatch} from the one dispatch that
 * caused it (an ambiguous or absent dispatch brings nothing).
 */
final class RunDecisions {
    private final DecisionIds ids;

    RunDecisions(DecisionIds ids) {
        this.ids = ids;
    }

    Map<String, EnumSet<Via>> of(RunFacts facts) {
        Map<String, EnumSet<Via>> decisions = new TreeMap<>();
        CiRun run = facts.run();
        run.decisionIds().stream().filter(ids::isId).map(String::trim)
                .forEach(id -> add(decisions, id, Via.CI_INPUT));
        ids.findIn(run.title()).forEach(id -> add(decisions, id, Via.CI_TITLE));
        if (facts.dispatch() != null && facts.dispatch().candidates() == 1) {
            facts.dispatch().decisionIds().forEach(id -> add(decisions, id, Via.CI_DISPATCH));
        }
        return decisions;
    }

    private static void add(Map<String, EnumSet<Via>> decisions, String id, Via via) {
        decisions.computeIfAbsent(id, any -> EnumSet.noneOf(Via.class)).add(via);
    }
}
