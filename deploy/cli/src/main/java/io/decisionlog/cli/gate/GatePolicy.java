package io.decisionlog.cli.gate;

import io.decisionlog.events.paths.GlobSet;

import java.util.List;

/**
 * What a repository governs and what it asks of a change there, as its {@code .decisionlog.yaml} says.
 *
 * @param governed the path globs whose changes need a decision
 * @param require  whether each commit touching a governed path needs its own decision, or the range as a whole
 * @param statuses the decision statuses that count (lower case)
 * @param source   where the policy was read, for messages ({@code .decisionlog.yaml at 3f2a1b0})
 */
public record GatePolicy(List<String> governed, GlobSet globs, Require require, List<String> statuses, String source) {
    public static final String FILE = ".decisionlog.yaml";

    public enum Require {
        /** Every commit that touches a governed path carries a decision in its own trailers. */
        COMMIT,
        /** The range as a whole carries one: a trailer of any of its commits, or the pull request's title or body. */
        PULL_REQUEST
    }

    /** No policy file: nothing is governed, and the gate says so rather than passing in silence. */
    public static GatePolicy none(String source) {
        return new GatePolicy(List.of(), GlobSet.of(List.of()), Require.PULL_REQUEST, List.of("accepted"), source);
    }

    public boolean governs(String path) {
        return globs.matches(path);
    }
}
