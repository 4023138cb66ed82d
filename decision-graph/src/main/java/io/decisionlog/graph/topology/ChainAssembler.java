package io.decisionlog.graph.topology;

import io.decisionlog.events.ChainDecision;
import io.decisionlog.events.CiRun;
import io.decisionlog.events.CommitSignature;
import io.decisionlog.events.DecisionChain;
import io.decisionlog.events.DecisionIds;
import io.decisionlog.events.DecisionMinutes;
import io.decisionlog.events.GitCommit;
import io.decisionlog.events.Via;
import io.decisionlog.graph.topology.LinkState.ChainFacts;
import io.decisionlog.graph.topology.LinkState.MinutesLink;
import io.decisionlog.graph.topology.RunState.DispatchLink;
import io.decisionlog.graph.topology.RunState.RunFacts;
import io.decisionlog.graph.topology.RunState.RunsOfCommit;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns what is known about a commit into its {@link DecisionChain}; a pure function, so equal facts give equal
 * chains (runs sorted by run key, decisions by id, vias in enum order).
 * <p>
 * {@code complete} means nothing is missing: at least one CI run that succeeded shipped the commit (on it or on a
 * merge commit that introduced it), at least one decision, minutes for every decision that say it is in force (not
 * rejected, not superseded), and no link was left unresolved (an ambiguous dispatch or short sha). {@code missing} names each of those gaps in words, so
 * {@code complete == missing.isEmpty()}.
 */
final class ChainAssembler {
    private final DecisionIds ids;
    private final RunDecisions runDecisions;

    ChainAssembler(DecisionIds ids) {
        this.ids = ids;
        this.runDecisions = new RunDecisions(ids);
    }

    /** Every decision of the commit with the vias that linked it, by id. */
    Map<String, EnumSet<Via>> decisions(ChainFacts facts) {
        Map<String, EnumSet<Via>> decisions = new TreeMap<>();
        facts.commit().decisionIds().stream().filter(ids::isId).map(String::trim)
                .forEach(id -> add(decisions, id, EnumSet.of(Via.TRAILER)));
        direct(facts).forEach(run -> runDecisions.of(run).forEach((id, vias) -> add(decisions, id, vias)));
        merged(facts).forEach(run -> runDecisions.of(run).forEach((id, vias) -> {
            EnumSet<Via> withMerge = EnumSet.copyOf(vias);
            withMerge.add(Via.MERGE);
            add(decisions, id, withMerge);
        }));
        if (facts.minutes() != null) {
            facts.minutes().byRequest().values().stream().filter(link -> link.matches() == 1)
                    .forEach(link -> add(decisions, link.decisionId(), EnumSet.of(Via.MINUTES)));
        }
        return decisions;
    }

    /** The chain of a known commit when no minutes file was rejected: for tests of everything else. */
    DecisionChain assemble(ChainFacts facts, Function<String, DecisionMinutes> minutes) {
        return assemble(facts, minutes, id -> null);
    }

    /**
     * The chain of a known commit; {@code minutes} gives a decision's minutes, or null while none are known;
     * {@code rejected} why the minutes file that defines a decision was rejected, or null.
     */
    DecisionChain assemble(ChainFacts facts, Function<String, DecisionMinutes> minutes, Function<String, String> rejected) {
        Map<String, RunFacts> runs = new TreeMap<>();
        merged(facts).forEach(run -> runs.put(run.run().key(), run));
        direct(facts).forEach(run -> runs.put(run.run().key(), run));
        Map<String, EnumSet<Via>> decisions = decisions(facts);

        List<String> missing = new ArrayList<>();
        if (runs.isEmpty()) {
            missing.add("no CI run for this commit");
        } else if (runs.values().stream().noneMatch(run -> shipped(run.run()))) {
            missing.add("no successful CI run shipped this commit: " + runs.values().stream()
                    .map(run -> label(run.run()) + " " + outcome(run.run())).collect(Collectors.joining(", ")));
        }
        runs.values().stream().filter(run -> run.dispatch() != null && run.dispatch().candidates() > 1)
                .forEach(run -> missing.add("dispatch for " + label(run.run()) + " is ambiguous: "
                        + run.dispatch().candidates() + " candidates"));
        if (decisions.isEmpty()) {
            missing.add("no decision for this commit");
            runs.values().forEach(run -> missing.add(label(run.run()) + " carries no decision id"
                    + (DispatchRule.isDispatched(run.run()) && (run.dispatch() == null || run.dispatch().candidates() == 0)
                    ? " and no dispatch matched it" : "")));
        }
        ambiguousPrefixes(facts).forEach(missing::add);
        badSignature(facts.commit()).ifPresent(missing::add);
        List<ChainDecision> chainDecisions = new ArrayList<>();
        decisions.forEach((id, vias) -> chainDecisions.add(new ChainDecision(id, List.copyOf(vias), minutes.apply(id))));
        chainDecisions.forEach(decision -> notInForce(decision, chainDecisions, rejected).ifPresent(missing::add));
        List<CiRun> ciRuns = runs.values().stream().map(this::inChain).toList();
        return new DecisionChain(facts.commit(), ciRuns, chainDecisions, missing.isEmpty(), missing);
    }

    /** A bad signature is a loud fact of the chain: a commit edited after it was signed is not complete, ever. */
    private static Optional<String> badSignature(GitCommit commit) {
        CommitSignature signature = commit == null ? null : commit.signature();
        if (signature == null || signature.status() != CommitSignature.Status.BAD) {
            return Optional.empty();
        }
        return Optional.of("the commit's " + signature.format() + " signature is bad: " + signature.reason());
    }

    /** The run with every decision it brought and its matched dispatch's context (who, why, the inputs). */
    private CiRun inChain(RunFacts facts) {
        List<String> brought = List.copyOf(runDecisions.of(facts).keySet());
        DispatchLink dispatch = facts.dispatch();
        boolean matched = dispatch != null && dispatch.candidates() == 1;
        return facts.run().inChain(brought, matched ? dispatch.reason() : null, matched ? dispatch.sender() : null,
                matched ? dispatch.inputs() : Map.of());
    }

    /** Shipped means a run that succeeded: a failed, cancelled or unfinished run did not put the commit anywhere. */
    static boolean shipped(CiRun run) {
        return "success".equalsIgnoreCase(run.conclusion());
    }

    private static String outcome(CiRun run) {
        return run.conclusion() != null ? run.conclusion() : run.status() != null ? run.status() : "of unknown status";
    }

    /**
     * Why a decision of the chain does not stand: no minutes (or a minutes file that defines it, rejected: its first
     * error), or minutes that say it was rejected or superseded (naming the decision that superseded it when that
     * decision's minutes are in this chain too).
     */
    private static Optional<String> notInForce(ChainDecision decision, List<ChainDecision> all,
                                               Function<String, String> rejected) {
        DecisionMinutes minutes = decision.minutes();
        if (minutes == null) {
            String why = rejected.apply(decision.decisionId());
            return Optional.of(why == null ? "decision " + decision.decisionId() + " has no minutes"
                    : "minutes for " + decision.decisionId() + " rejected: " + why);
        }
        String status = minutes.status() == null ? "" : minutes.status().trim().toLowerCase(Locale.ROOT);
        if (status.equals("rejected")) {
            return Optional.of("decision " + decision.decisionId() + " was rejected");
        }
        if (status.equals("superseded")) {
            Optional<String> by = all.stream().filter(other -> other.minutes() != null
                    && other.minutes().supersedes().contains(decision.decisionId()))
                    .map(ChainDecision::decisionId).findFirst();
            return Optional.of("decision " + decision.decisionId() + " is superseded" + by.map(id -> " by " + id).orElse(""));
        }
        return Optional.empty();
    }

    private static TreeSet<String> ambiguousPrefixes(ChainFacts facts) {
        TreeSet<String> notes = new TreeSet<>();
        if (facts.minutes() != null) {
            for (MinutesLink link : facts.minutes().byRequest().values()) {
                if (link.matches() > 1) {
                    notes.add("prefix " + link.entry() + " in the minutes of " + link.decisionId() + " matches "
                            + link.matches() + " commits");
                }
            }
        }
        return notes;
    }

    private static List<RunFacts> direct(ChainFacts facts) {
        return facts.direct() == null ? List.of() : List.copyOf(facts.direct().runs().values());
    }

    private static List<RunFacts> merged(ChainFacts facts) {
        return facts.merged() == null ? List.of() : facts.merged().byMerge().values().stream()
                .map(RunsOfCommit::runs).flatMap(runs -> runs.values().stream()).toList();
    }

    private static void add(Map<String, EnumSet<Via>> decisions, String id, EnumSet<Via> vias) {
        decisions.computeIfAbsent(id, any -> EnumSet.noneOf(Via.class)).addAll(vias);
    }

    static String label(CiRun run) {
        return "run " + run.runId() + (run.attempt() > 1 ? " (attempt " + run.attempt() + ")" : "");
    }
}
