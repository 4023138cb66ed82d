package io.decisionlog.cli.gate;

import io.decisionlog.cli.ChainRenderer;
import io.decisionlog.cli.Views.GateVerdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Each target judged by its decisions' verdicts: covered when one counts, else a finding saying why. */
final class Verdicts {
    private Verdicts() {
    }

    static Checked check(Target target, Map<String, GateVerdict> verdicts) {
        List<GateVerdict> counting = new ArrayList<>();
        List<GateVerdict> notCounting = new ArrayList<>();
        for (String id : target.decisionIds()) {
            GateVerdict verdict = verdicts.get(id);
            if (verdict != null && verdict.counts()) {
                counting.add(verdict);
            } else if (verdict != null) {
                notCounting.add(verdict);
            }
        }
        if (!counting.isEmpty()) {
            return new Checked(target, counting, notCounting, null);
        }
        return new Checked(target, counting, notCounting, problem(target, notCounting));
    }

    private static String problem(Target target, List<GateVerdict> notCounting) {
        if (notCounting.isEmpty()) {
            return "no decision: " + (target.isRange()
                    ? "add `Decision: D-…` to a commit message, or reference it in the PR title"
                    : "add `Decision: D-…` to the message of commit " + ChainRenderer.shortSha(target.commit())
                    + " (\"" + target.subject() + "\")");
        }
        return String.join("; ", notCounting.stream().map(GateVerdict::reason).toList());
    }
}
