package io.decisionlog.cli.gate;

import io.decisionlog.cli.Views.GateVerdict;

import java.util.List;

/**
 * A target after the gate asked about its decisions: covered by {@code counting} (at least one), or a finding that
 * says why not ({@code problem}).
 */
public record Checked(Target target, List<GateVerdict> counting, List<GateVerdict> notCounting, String problem) {
    public boolean passes() {
        return problem == null;
    }
}
