package io.decisionlog.cli.gate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.decisionlog.cli.Views.GateVerdict;
import io.decisionlog.events.Json;


/** {@code --json FILE}: the outcome for a script — the verdict, the policy, every governed hunk and what it found. */
final class JsonReport {
    private JsonReport() {
    }

    static ObjectNode of(GateResult result) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("repo", result.repo());
        root.put("base", result.base());
        root.put("head", result.head());
        root.put("verdict", !result.passes() ? "fail" : result.checked() ? "pass" : "pass_not_verified");
        root.put("summary", TextReport.summary(result));
        root.put("commits", result.commits());
        ObjectNode policy = root.putObject("policy");
        policy.put("source", result.policy().source());
        result.policy().governed().forEach(policy.putArray("governed")::add);
        policy.put("require", result.policy().require().word());
        result.policy().statuses().forEach(policy.putArray("statuses")::add);
        ArrayNode findings = root.putArray("findings");
        ArrayNode covered = root.putArray("covered");
        for (Checked checked : result.targets()) {
            for (Hunk hunk : checked.target().hunks()) {
                ObjectNode entry = (checked.passes() ? covered : findings).addObject();
                hunk(entry, checked, hunk);
            }
        }
        return root;
    }

    private static void hunk(ObjectNode entry, Checked checked, Hunk hunk) {
        entry.put("path", hunk.path());
        entry.put("start_line", hunk.start());
        entry.put("end_line", hunk.end());
        entry.put("removed_lines", hunk.removed());
        entry.put("commit", checked.target().commit());
        checked.target().decisionIds().forEach(entry.putArray("decision_ids")::add);
        if (checked.passes()) {
            checked.counting().stream().map(GateVerdict::decisionId).forEach(entry.putArray("covered_by")::add);
        } else {
            entry.put("message", checked.problem());
        }
    }
}
