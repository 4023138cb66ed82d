package io.decisionlog.cli.gate;

import java.util.List;

/**
 * A gate's outcome over {@code base..head}: each target checked, in the order found. {@code checked} false when the
 * service could not be asked and {@code --allow-offline} let the gate go on.
 */
public record GateResult(String repo, String base, String head, GatePolicy policy, int commits, List<Checked> targets,
                         boolean checked, String note) {
    public List<Checked> findings() {
        return targets.stream().filter(target -> !target.passes()).toList();
    }

    public int findingHunks() {
        return findings().stream().mapToInt(target -> target.target().hunks().size()).sum();
    }

    public boolean passes() {
        return findings().isEmpty();
    }

    public int governedHunks() {
        return targets.stream().mapToInt(target -> target.target().hunks().size()).sum();
    }
}
