package io.decisionlog.graph.topology;

import io.decisionlog.events.CiDispatch;
import io.decisionlog.events.CiRun;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Values of the run side's internal topics and stores (JSON through the shared serde). Maps are sorted. */
public final class RunState {
    private RunState() {
    }

    /** A run's newest status before and after one record of ci.runs (null: unknown or deleted). */
    public record RunChange(CiRun before, CiRun after) {
    }

    /** Input of the run linker, by run key: a run's change, or else what the correlator says about its dispatch. */
    public record RunLinkInput(RunChange change, DispatchLinkUpdate dispatch) {
    }

    /** A run's facts for the commit it ran on, by run key; {@code facts == null} retracts the run. */
    public record RunEntry(String runKey, RunFacts facts) {
    }

    /** What the run tracker sends on: a dispatched run to its correlation group, or a run's change. One is set. */
    public record RunOutput(CorrelationInput correlation, RunChange change) {
    }

    /**
     * Which dispatch caused a {@code workflow_dispatch} run: {@code candidates} dispatches matched; only when
     * exactly one did are {@code dispatchKey} and its {@code decisionIds} set.
     */
    public record DispatchLink(int candidates, String dispatchKey, List<String> decisionIds) {
        public DispatchLink {
            decisionIds = decisionIds == null ? List.of() : List.copyOf(decisionIds);
        }
    }

    /** What the correlator says about a run in one correlation group; {@code link == null} retracts. */
    public record DispatchLinkUpdate(String group, DispatchLink link) {
    }

    /**
     * A run's dispatch links by correlation group. Normally one; two only while a run that changed group is
     * retracted from the old one, whose retraction may arrive after the new group's link (other partition).
     */
    public record DispatchLinks(Map<String, DispatchLink> byGroup) {
        public DispatchLinks {
            byGroup = sorted(byGroup);
        }

        /** @return null when nothing is left, so that the table row is deleted */
        static DispatchLinks apply(DispatchLinks current, DispatchLinkUpdate update) {
            TreeMap<String, DispatchLink> copy = new TreeMap<>(current == null ? Map.of() : current.byGroup());
            if (update.link() == null) {
                copy.remove(update.group());
            } else {
                copy.put(update.group(), update.link());
            }
            return copy.isEmpty() ? null : new DispatchLinks(copy);
        }
    }

    /** One run (newest status) and, for a dispatched run, its dispatch correlation. */
    public record RunFacts(CiRun run, DispatchLink dispatch) {
    }

    /** The runs on one commit, by run key. */
    public record RunsOfCommit(Map<String, RunFacts> runs) {
        public RunsOfCommit {
            runs = sorted(runs);
        }

        /** @return null when no run is left */
        static RunsOfCommit apply(RunsOfCommit current, RunEntry entry) {
            TreeMap<String, RunFacts> copy = new TreeMap<>(current == null ? Map.of() : current.runs());
            if (entry.facts() == null) {
                copy.remove(entry.runKey());
            } else {
                copy.put(entry.runKey(), entry.facts());
            }
            return copy.isEmpty() ? null : new RunsOfCommit(copy);
        }
    }

    /** The runs of merge commit {@code mergeKey} for one commit it introduced; {@code runs == null} retracts. */
    public record MergeEntry(String mergeKey, RunsOfCommit runs) {
    }

    /** For one commit: the runs of each merge commit that introduced it, by merge commit key. */
    public record MergedRuns(Map<String, RunsOfCommit> byMerge) {
        public MergedRuns {
            byMerge = sorted(byMerge);
        }

        /** @return null when nothing is left, so that the table row is deleted */
        MergedRuns apply(MergeEntry entry) {
            TreeMap<String, RunsOfCommit> copy = new TreeMap<>(byMerge);
            if (entry.runs() == null) {
                copy.remove(entry.mergeKey());
            } else {
                copy.put(entry.mergeKey(), entry.runs());
            }
            return copy.isEmpty() ? null : new MergedRuns(copy);
        }
    }

    /** Input of the dispatch correlator: a dispatch or a dispatched run (a null value retracts it). */
    public record CorrelationInput(String dispatchKey, CiDispatch dispatch, String runKey, CiRun run) {
        static CorrelationInput dispatch(String key, CiDispatch dispatch) {
            return new CorrelationInput(key, dispatch, null, null);
        }

        static CorrelationInput run(String key, CiRun run) {
            return new CorrelationInput(null, null, key, run);
        }
    }

    static <V> SortedMap<String, V> sorted(Map<String, V> map) {
        return Collections.unmodifiableSortedMap(map == null ? new TreeMap<>() : new TreeMap<>(map));
    }
}
