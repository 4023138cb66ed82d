package io.decisionlog.graph.topology;

import io.decisionlog.events.DecisionMinutes;
import io.decisionlog.events.GitCommit;
import io.decisionlog.graph.topology.RunState.MergeEntry;
import io.decisionlog.graph.topology.RunState.MergedRuns;
import io.decisionlog.graph.topology.RunState.RunEntry;
import io.decisionlog.graph.topology.RunState.RunsOfCommit;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Values of the commit side's internal topics and stores (JSON through the shared serde). Maps are sorted. */
public final class LinkState {
    private LinkState() {
    }

    /**
     * One {@code commits:} entry of a decision's minutes: a 7-40 hex prefix, optionally limited to a repository.
     * {@code entry} is the text as the minutes wrote it.
     */
    public record PrefixRequest(String decisionId, String repo, String prefix, String entry) {
    }

    /** The commits one partition knows that a minutes entry matches (empty: none, or the entry is gone). */
    public record PrefixMatches(int partition, PrefixRequest request, List<String> matches) {
        public PrefixMatches {
            matches = matches == null ? List.of() : List.copyOf(matches);
        }
    }

    /** Per minutes entry: its matches on each partition, whose union is what the entry matches in all. */
    public record PrefixState(PrefixRequest request, Map<Integer, List<String>> byPartition) {
        public PrefixState {
            byPartition = byPartition == null ? new TreeMap<>() : new TreeMap<>(byPartition);
        }

        /** @return null when no partition has a match left, so that the row is deleted */
        PrefixState apply(PrefixMatches update) {
            TreeMap<Integer, List<String>> copy = new TreeMap<>(byPartition);
            if (update.matches().isEmpty()) {
                copy.remove(update.partition());
            } else {
                copy.put(update.partition(), update.matches());
            }
            return copy.isEmpty() ? null : new PrefixState(update.request(), copy);
        }

        List<String> matches() {
            return byPartition.values().stream().flatMap(List::stream).sorted().distinct().toList();
        }
    }

    /** A minutes entry that matched this commit, and how many commits it matched in all (1: a link). */
    public record MinutesLink(String decisionId, String entry, int matches) {
    }

    /**
     * What reaches a commit from elsewhere, by commit key, to be kept beside it ({@link LinkedFacts}): the runs of a
     * merge commit that introduced it, or a minutes entry's link.
     */
    public sealed interface LinkUpdate permits MergeEntry, MinutesLinkEntry {
        /** The commit's linked facts with this update applied. */
        LinkedFacts applyTo(LinkedFacts linked);
    }

    /**
     * A change of one minutes entry's link to a commit, by commit key; {@code link == null} retracts. Crosses
     * {@code minutes-links-by-commit} as this record's own JSON.
     */
    public record MinutesLinkEntry(String requestKey, MinutesLink link) implements LinkUpdate {
        @Override
        public LinkedFacts applyTo(LinkedFacts linked) {
            return linked.with(this);
        }
    }

    /** For one commit: every minutes entry that matched it, by request key. */
    public record MinutesLinks(Map<String, MinutesLink> byRequest) {
        public MinutesLinks {
            byRequest = RunState.sorted(byRequest);
        }

        /** @return null when nothing is left */
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

    /** Input of the commit side, by commit key: a record of the commits topic, or a run re-keyed to its commit. */
    public sealed interface CommitInput permits CommitRecord, RunEntry {
        /** The commit's row with this input applied. */
        CommitFacts applyTo(CommitFacts commit);
    }

    /** A record of the commits topic as it is; {@code commit == null} is the commit's tombstone. */
    public record CommitRecord(GitCommit commit) implements CommitInput {
        @Override
        public CommitFacts applyTo(CommitFacts facts) {
            return facts.withCommit(commit);
        }
    }

    /**
     * What the commit side keeps per commit key: the commit (null while unknown or deleted) and the runs on it.
     * Both arrive in the same task (commits, and runs re-keyed by commit), so one row holds both.
     */
    public record CommitFacts(GitCommit commit, RunsOfCommit direct) {
        static final CommitFacts NONE = new CommitFacts(null, null);

        CommitFacts withCommit(GitCommit value) {
            return new CommitFacts(value, direct);
        }

        CommitFacts with(RunEntry entry) {
            return new CommitFacts(commit, RunsOfCommit.apply(direct, entry));
        }

        boolean isEmpty() {
            return commit == null && direct == null;
        }
    }

    /** What reaches a commit from elsewhere: the runs of merge commits that introduced it, and minutes links. */
    public record LinkedFacts(MergedRuns merged, MinutesLinks minutes) {
        static final LinkedFacts NONE = new LinkedFacts(null, null);

        LinkedFacts with(MergeEntry entry) {
            return new LinkedFacts((merged == null ? new MergedRuns(Map.of()) : merged).apply(entry), minutes);
        }

        LinkedFacts with(MinutesLinkEntry entry) {
            return new LinkedFacts(merged, (minutes == null ? new MinutesLinks(Map.of()) : minutes).apply(entry));
        }

        boolean isEmpty() {
            return merged == null && minutes == null;
        }
    }

    /** Everything known about one commit except its decisions' minutes. Null parts: nothing known yet. */
    public record ChainFacts(GitCommit commit, RunsOfCommit direct, MergedRuns merged, MinutesLinks minutes) {
        static ChainFacts of(CommitFacts own, LinkedFacts linked) {
            return new ChainFacts(own.commit(), own.direct(), linked.merged(), linked.minutes());
        }
    }

    /** A change of one commit's own facts, as the commit side saw it: before and after, by commit key. */
    public record CommitChange(CommitFacts before, CommitFacts after) {
    }

    /**
     * A change of one decision's minutes, as this partition's copy saw it (null: none), by decision id; or of why its
     * minutes file was rejected ({@code rejectedBefore}, {@code rejectedAfter}: "path:line:col: message", null: not).
     */
    public record MinutesChange(DecisionMinutes before, DecisionMinutes after, String rejectedBefore,
                                String rejectedAfter) {
        public MinutesChange(DecisionMinutes before, DecisionMinutes after) {
            this(before, after, null, null);
        }
    }

    /** What reaches every partition for one decision id: its minutes (null: none), or why its minutes were refused. */
    public sealed interface MinutesInput permits MinutesRecord, MinutesRejection {
    }

    /** The decision's minutes as the minutes topic has them; null minutes: a tombstone. */
    public record MinutesRecord(DecisionMinutes minutes) implements MinutesInput {
    }

    /**
     * The first error of the minutes file that defines the decision and was rejected ("path:line:col: message"), or
     * null once it is not rejected any more. Crosses {@code rejections-everywhere} as this record's own JSON.
     */
    public record MinutesRejection(String reason) implements MinutesInput {
    }
}
