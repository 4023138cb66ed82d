package io.decisionlog.cli.gate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.decisionlog.events.Json;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * {@code --sarif FILE}: the findings as SARIF 2.1.0, one result per governed hunk without a decision that counts, so
 * GitHub code scanning and GitLab show each on the diff line it is about.
 */
final class SarifReport {
    static final String UNTRACED = "DL1001";
    static final String NOT_COUNTING = "DL1002";

    private SarifReport() {
    }

    static ObjectNode of(GateResult result) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "decision-log gate");
        ArrayNode rules = driver.putArray("rules");
        rule(rules, UNTRACED, "UntracedGovernedChange", "A change to a governed path carries no decision",
                "Every change to a path the repository's .decisionlog.yaml governs needs a decision: a "
                        + "`Decision: D-…` trailer in the commit message, or the decision's id in the PR title or body.");
        rule(rules, NOT_COUNTING, "DecisionDoesNotCount", "The decision a governed change carries does not count",
                "The change names a decision, but it is unknown, or its status is not one the policy counts "
                        + "(e.g. proposed, rejected or superseded).");
        ArrayNode results = run.putArray("results");
        for (Checked checked : result.findings()) {
            for (Hunk hunk : checked.target().hunks()) {
                result(results, checked, hunk);
            }
        }
        return root;
    }

    private static void rule(ArrayNode rules, String id, String name, String shortText, String fullText) {
        ObjectNode rule = rules.addObject();
        rule.put("id", id);
        rule.put("name", name);
        rule.putObject("shortDescription").put("text", shortText);
        rule.putObject("fullDescription").put("text", fullText);
        rule.putObject("defaultConfiguration").put("level", "error");
    }

    private static void result(ArrayNode results, Checked checked, Hunk hunk) {
        boolean untraced = checked.notCounting().isEmpty();
        ObjectNode result = results.addObject();
        result.put("ruleId", untraced ? UNTRACED : NOT_COUNTING);
        result.put("ruleIndex", untraced ? 0 : 1);
        result.put("level", "error");
        String what = hunk.deletionOnly() ? hunk.removed() + " removed line(s) in a governed file: "
                : "governed change: ";
        result.putObject("message").put("text", what + checked.problem());
        ObjectNode location = result.putArray("locations").addObject().putObject("physicalLocation");
        location.putObject("artifactLocation").put("uri", hunk.path());
        ObjectNode region = location.putObject("region");
        region.put("startLine", Math.max(hunk.start(), 1));
        region.put("endLine", hunk.lastLine());
        // the same hunk found again on a later push is the same alert, not a new one
        result.putObject("partialFingerprints").put("decisionlogHunk/v1", fingerprint(hunk));
    }

    private static String fingerprint(Hunk hunk) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(hunk.path().getBytes(StandardCharsets.UTF_8));
            for (String line : hunk.added()) {
                digest.update((byte) '\n');
                digest.update(line.getBytes(StandardCharsets.UTF_8));
            }
            digest.update(("\n-" + hunk.removed()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
