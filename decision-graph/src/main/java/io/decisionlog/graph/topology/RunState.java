package io.decisionlog.graph.topology;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.decisionlog.events.CiDispatch;
import io.decisionlog.events.CiRun;
import io.decisionlog.graph.topology.LinkState.CommitFacts;
import io.decisionlog.graph.topology.LinkState.CommitInput;
import io.decisionlog.graph.topology.LinkState.LinkUpdate;
import io.decisionlog.graph.topology.LinkState.LinkedFacts;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/** Values of the run side's internal topics and stores (JSON through the shared serde). Maps are sorted. */
public final class RunState {
    private RunState() {
    }

    /** A run's newest status before and after one record of ci.runs (null: unknown or deleted), by run key. */
    public record RunChange(CiRun before, CiRun after) {
    }

    /**
     * A run's facts for the commit it ran on, by commit key; {@code facts == null} retracts the run. Handed to the
     * commit side in the task of the run's commit, no topic between.
     */
    public record RunEntry(String runKey, RunFacts facts) implements CommitInput {
        public RunEntry {
            Objects.requireNonNull(runKey, "runKey");
        }

        @Override
        public CommitFacts applyTo(CommitFacts commit) {
            return commit.with(this);
        }
    }

    /**
     * Which dispatch caused a {@code workflow_dispatch} run: {@code candidates} dispatches matched; only when
     * exactly one did are {@code dispatchKey}, its {@code decisionIds} and its context (who sent it, the reason, its
     * inputs: what no run record carries) set.
     */
    public record DispatchLink(int candidates, String dispatchKey, List<String> decisionIds, String sender,
                               String reason, Map<String, String> inputs) {
        public DispatchLink {
            decisionIds = decisionIds == null ? List.of() : List.copyOf(decisionIds);
            inputs = inputs == null ? Map.of() : Map.copyOf(inputs);
        }

        /** No dispatch, or more than one, matched: nothing of theirs reaches the run. */
        public DispatchLink(int candidates, String dispatchKey, List<String> decisionIds) {
            this(candidates, dispatchKey, decisionIds, null, null, Map.of());
        }
    }

    /**
     * What the correlator says about a run in one correlation group, by run key; {@code link == null} retracts.
     * {@code placedBy}: what the run is placed by ({@link io.decisionlog.events.Placement#byCommit}), so the update
     * reaches the partition that keeps the run.
     */
    public record DispatchLinkUpdate(String group, DispatchLink link, String placedBy) {
        public DispatchLinkUpdate {
            Objects.requireNonNull(placedBy, "placedBy");
        }
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

    /**
     * The runs of merge commit {@code mergeKey} for one commit it introduced, by that commit's key; {@code runs ==
     * null} retracts. Crosses {@code merge-runs-by-commit} as this record's own JSON.
     */
    public record MergeEntry(String mergeKey, RunsOfCommit runs) implements LinkUpdate {
        @Override
        public LinkedFacts applyTo(LinkedFacts linked) {
            return linked.with(this);
        }
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

    /**
     * Input of the dispatch correlator, by correlation group: a dispatch or a dispatched run, each under its own key;
     * a null value retracts it. Crosses {@code correlation-by-group} as JSON tagged with its kind ({@code "kind":
     * "dispatch"} or {@code "run"}).
     */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({@JsonSubTypes.Type(value = CorrelationInput.Dispatch.class, name = "dispatch"),
            @JsonSubTypes.Type(value = CorrelationInput.Run.class, name = "run")})
    public sealed interface CorrelationInput {
        /** Hands this input to what its group does with its kind. */
        void applyTo(Correlation group);

        /** What a correlation group does with each kind of input. */
        interface Correlation {
            void dispatch(String dispatchKey, CiDispatch dispatch);

            void run(String runKey, CiRun run);
        }

        /** A {@code workflow_dispatch} delivery; {@code dispatch == null} retracts it. */
        record Dispatch(String dispatchKey, CiDispatch dispatch) implements CorrelationInput {
            @Override
            public void applyTo(Correlation group) {
                group.dispatch(dispatchKey, dispatch);
            }
        }

        /** A dispatched run's newest status; {@code run == null} retracts it (deleted, or now in another group). */
        record Run(String runKey, CiRun run) implements CorrelationInput {
            @Override
            public void applyTo(Correlation group) {
                group.run(runKey, run);
            }
        }
    }

    static <V> SortedMap<String, V> sorted(Map<String, V> map) {
        return Collections.unmodifiableSortedMap(map == null ? new TreeMap<>() : new TreeMap<>(map));
    }
}
