package io.decisionlog.graph.topology;

import io.decisionlog.events.DecisionMinutes;
import io.decisionlog.events.GitCommit;
import io.decisionlog.graph.topology.RunState.MergedRuns;
import io.decisionlog.graph.topology.RunState.RunsOfCommit;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Values of the decision side's internal topics and stores (JSON through the shared serde). Maps are sorted. */
public final class LinkState {
    private LinkState() {
    }

    /**
     * One {@code commits:} entry of a decision's minutes: a 7-40 hex prefix, optionally limited to a repository.
     * {@code entry} is the text as the minutes wrote it.
     */
    public record PrefixRequest(String decisionId, String repo, String prefix, String entry) {
    }

    /** Input of the prefix resolver: a known commit (present or deleted) or a minutes entry (null retracts). */
    public record ShaIndexInput(String commitKey, boolean present, String requestKey, PrefixRequest request) {
        static ShaIndexInput commit(String commitKey, boolean present) {
            return new ShaIndexInput(commitKey, present, null, null);
        }

        static ShaIndexInput request(String requestKey, PrefixRequest request) {
            return new ShaIndexInput(null, false, requestKey, request);
        }
    }

    /** The commit keys a minutes entry matched when last resolved, sorted. */
    public record Resolution(List<String> matches) {
        public Resolution {
            matches = matches == null ? List.of() : List.copyOf(matches);
        }
    }

    /** A minutes entry that matched this commit, and how many commits it matched in all (1: a link). */
    public record MinutesLink(String decisionId, String entry, int matches) {
    }

    /** A change of one minutes entry's link to a commit; {@code link == null} retracts. */
    public record MinutesLinkEntry(String requestKey, MinutesLink link) {
    }

    /** For one commit: every minutes entry that matched it, by request key. */
    public record MinutesLinks(Map<String, MinutesLink> byRequest) {
        public MinutesLinks {
            byRequest = RunState.sorted(byRequest);
        }

        /** @return null when nothing is left, so that the table row is deleted */
        MinutesLinks apply(MinutesLinkEntry entry) {
            TreeMap<String, MinutesLink> copy = new TreeMap<>(byRequest);
            if (entry.link() == null) {
                copy.remove(entry.requestKey());
            } else {
                copy.put(entry.requestKey(), entry.link());
            }
            return copy.isEmpty() ? null : new MinutesLinks(copy);
        }
    }

    /** The decision ids a commit has, whatever linked them: what the commit-decision links fan out from. */
    public record DecisionSet(List<String> decisionIds) {
        public DecisionSet {
            decisionIds = decisionIds == null ? List.of() : List.copyOf(decisionIds);
        }
    }

    /** One (commit, decision) link, keyed {@code commitKey SEP decisionId}: the left side of the minutes join. */
    public record CommitDecisionLink(String commitKey, String decisionId) {
    }

    /** A (commit, decision) link with the decision's minutes, or null minutes while none are known. */
    public record LinkedMinutes(String commitKey, String decisionId, DecisionMinutes minutes) {
    }

    /** For one commit: the minutes of each of its decisions that has minutes, by decision id. */
    public record MinutesOfCommit(Map<String, DecisionMinutes> byDecision) {
        public MinutesOfCommit {
            byDecision = RunState.sorted(byDecision);
        }

        static MinutesOfCommit none() {
            return new MinutesOfCommit(Map.of());
        }

        MinutesOfCommit with(LinkedMinutes linked) {
            TreeMap<String, DecisionMinutes> copy = new TreeMap<>(byDecision);
            if (linked.minutes() == null) {
                copy.remove(linked.decisionId());
            } else {
                copy.put(linked.decisionId(), linked.minutes());
            }
            return new MinutesOfCommit(copy);
        }

        MinutesOfCommit without(LinkedMinutes linked) {
            TreeMap<String, DecisionMinutes> copy = new TreeMap<>(byDecision);
            copy.remove(linked.decisionId());
            return new MinutesOfCommit(copy);
        }
    }

    /** Everything known about one commit except its decisions' minutes. Null parts: nothing known yet. */
    public record ChainFacts(GitCommit commit, RunsOfCommit direct, MergedRuns merged, MinutesLinks minutes) {
        ChainFacts withMerged(MergedRuns value) {
            return new ChainFacts(commit, direct, value, minutes);
        }

        ChainFacts withMinutes(MinutesLinks value) {
            return new ChainFacts(commit, direct, merged, value);
        }
    }
}
