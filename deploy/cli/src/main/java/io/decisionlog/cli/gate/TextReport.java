package io.decisionlog.cli.gate;

import io.decisionlog.cli.ChainRenderer;
import io.decisionlog.cli.Views.GateVerdict;

import java.util.List;

/** The gate's outcome as a person reads it in a CI log: each governed hunk, what covers it or what is missing. */
final class TextReport {
    private TextReport() {
    }

    static String render(GateResult result) {
        StringBuilder out = new StringBuilder();
        out.append("decision-log gate: ").append(result.repo()).append(' ').append(ChainRenderer.shortSha(result.base())).append("..")
                .append(ChainRenderer.shortSha(result.head())).append(", ").append(result.commits())
                .append(result.commits() == 1 ? " commit" : " commits").append('\n');
        GatePolicy policy = result.policy();
        if (policy.governed().isEmpty()) {
            out.append("policy: ").append(policy.source()).append(" — nothing is governed\n");
        } else {
            out.append("policy: ").append(policy.source()).append(": governed ").append(String.join(", ", policy.governed()))
                    .append("; require ").append(policy.require().word())
                    .append("; statuses ").append(String.join(", ", policy.statuses())).append('\n');
        }
        for (Checked checked : result.targets()) {
            out.append('\n');
            target(out, checked);
        }
        out.append('\n').append(summary(result)).append('\n');
        return out.toString();
    }

    static String summary(GateResult result) {
        int governed = result.governedHunks();
        if (!result.checked() && result.passes()) {
            return "PASS, NOT VERIFIED (--allow-offline): " + governed + " governed " + (governed == 1 ? "change names"
                    : "changes name") + " decisions decision-graph could not check: " + result.note();
        }
        if (governed == 0) {
            return "PASS: no governed path changed";
        }
        if (result.passes()) {
            return "PASS: " + governed + (governed == 1 ? " governed change, covered" : " governed changes, all covered");
        }
        int findings = result.findingHunks();
        return "FAIL: " + findings + " of " + governed + " governed " + (governed == 1 ? "change has" : "changes have")
                + " no decision that counts";
    }

    private static void target(StringBuilder out, Checked checked) {
        Target target = checked.target();
        if (!target.isRange()) {
            out.append("commit ").append(ChainRenderer.shortSha(target.commit())).append(" \"").append(target.subject()).append("\"\n");
        }
        String verdict = !checked.passes() ? checked.problem() : checked.counting().isEmpty()
                ? "names " + String.join(", ", target.decisionIds()) + " (not verified)"
                : "covered by " + covering(checked.counting());
        for (Hunk hunk : target.hunks()) {
            out.append(hunk.label());
            if (hunk.deletionOnly()) {
                out.append(" (").append(hunk.removed()).append(hunk.removed() == 1 ? " line removed)" : " lines removed)");
            }
            out.append(" — ").append(verdict).append('\n');
            hunk.added().forEach(line -> out.append("  + ").append(line).append('\n'));
            if (hunk.end() - hunk.start() + 1 > hunk.added().size() && !hunk.deletionOnly()) {
                out.append("  … ").append(hunk.end() - hunk.start() + 1 - hunk.added().size()).append(" more\n");
            }
        }
    }

    private static String covering(List<GateVerdict> counting) {
        return String.join(", ", counting.stream().map(verdict -> verdict.decisionId() + " (" + verdict.status()
                + (verdict.title() == null ? "" : ": " + verdict.title())
                + (verdict.signedOffBy().isEmpty() ? "" : ", signed off by " + String.join(", ", verdict.signedOffBy()))
                + ")"
                + (verdict.minutesPath() == null ? "" : ", minutes " + verdict.minutesPath())).toList());
    }
}
