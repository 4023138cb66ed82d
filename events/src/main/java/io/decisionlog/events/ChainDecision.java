package io.decisionlog.events;

import java.util.List;

/** A decision linked to a commit, every path that linked it ({@code via}), and its minutes when known. */
@WireFormat
public record ChainDecision(String decisionId, List<Via> via, DecisionMinutes minutes) {

    public ChainDecision {
        via = Nulls.list(via);
    }
}
