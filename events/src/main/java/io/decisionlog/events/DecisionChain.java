package io.decisionlog.events;

import java.util.List;

/**
 * Everything known about why a commit exists ({@link Topics#CHAINS}, keyed by commit key): the commit, the CI
 * runs that shipped it, its decisions; {@code missing} names each absent hop in words.
 */
@WireFormat
public record DecisionChain(
        GitCommit commit,
        List<CiRun> ciRuns,
        List<ChainDecision> decisions,
        boolean complete,
        List<String> missing) {

    public DecisionChain {
        ciRuns = Nulls.list(ciRuns);
        decisions = Nulls.list(decisions);
        missing = Nulls.list(missing);
    }
}
