package io.decisionlog.cli.gate;

import io.decisionlog.events.GateRules;
import io.decisionlog.events.paths.GlobSet;

import java.util.List;

/**
 * The rules the gate applies and where they came from, for messages ({@code .decisionlog.yaml at 3f2a1b0}, or the
 * repository's registration), with the governed globs compiled once.
 */
public record GatePolicy(GateRules rules, GlobSet globs, String source) {
    public static final String FILE = ".decisionlog.yaml";

    /** Rules already validated. */
    public static GatePolicy of(GateRules rules, String source) {
        return new GatePolicy(rules, rules.globs(""), source);
    }

    /** No policy anywhere: nothing is governed, and the gate says so rather than passing in silence. */
    public static GatePolicy none(String source) {
        return new GatePolicy(new GateRules(List.of(), GateRules.Require.PULL_REQUEST, GateRules.DEFAULT_STATUSES,
                false), GlobSet.of(List.of()), source);
    }

    public List<String> governed() {
        return rules.governed();
    }

    public GateRules.Require require() {
        return rules.require();
    }

    public List<String> statuses() {
        return rules.statuses();
    }

    public boolean governs(String path) {
        return globs.matches(path);
    }
}
