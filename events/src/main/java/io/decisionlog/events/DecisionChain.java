package io.decisionlog.events;

import com.fasterxml.jackson.annotation.JsonProperty;

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

    /** {@link ChainDigest} of these facts: derived on every write, never read back. */
    @JsonProperty(value = "digest", access = JsonProperty.Access.READ_ONLY)
    public String digest() {
        return ChainDigest.of(this);
    }
}
