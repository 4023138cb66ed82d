package io.decisionlog.graph.store;

import io.decisionlog.events.BlameFile;
import io.decisionlog.events.DecisionChain;
import io.decisionlog.events.DecisionMinutes;

/** One record of a projected topic, decoded: the new state of one key, or its removal (a null value). */
public sealed interface StoreChange {

    /** What identifies the row(s) the change replaces; within a batch only the last change per identity counts. */
    String identity();

    /** A file's blame at the tip, or null when the file is gone. */
    record Blame(String repo, String path, BlameFile file) implements StoreChange {
        @Override
        public String identity() {
            return "blame:" + repo + ":" + path;
        }
    }

    /** A commit's chain, its JSON and what a trace shows of it without e-mail addresses; null when retracted. */
    record Chain(String repo, String sha, DecisionChain chain, String json, TraceParts traceParts) implements StoreChange {
        @Override
        public String identity() {
            return "chain:" + repo + "@" + sha;
        }
    }

    /** A decision's minutes and their JSON, or null when the decision left the minutes. */
    record Minutes(String decisionId, DecisionMinutes minutes, String json) implements StoreChange {
        @Override
        public String identity() {
            return "minutes:" + decisionId;
        }
    }

    /**
     * An entry of the transparency log: the log topic's record as it was written ({@code body}, the leaf), at its offset
     * there, with the topic and key of the record it logs.
     */
    record LogAppend(long offset, String source, String sourceKey, byte[] body) implements StoreChange {
        @Override
        public String identity() {
            return "log:" + offset;
        }
    }
}
