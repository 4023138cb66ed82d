package io.decisionlog.ciaudit.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.decisionlog.ciaudit.Fixtures;
import io.decisionlog.events.Json;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Builds GitHub deliveries from the fixtures with a run id of the test's own, signed as GitHub signs them. */
final class GitHubPayloads {
    static final String SECRET = "test-secret";

    private GitHubPayloads() {
    }

    static byte[] workflowRun(long runId, String status, String updatedAt) {
        try {
            ObjectNode root = (ObjectNode) Json.MAPPER.readTree(Fixtures.bytes("github/workflow_run.completed.payload.json"));
            ObjectNode run = (ObjectNode) root.get("workflow_run");
            run.put("id", runId);
            run.put("status", status);
            run.put("updated_at", updatedAt);
            if (!"completed".equals(status)) {
                run.putNull("conclusion");
            }
            return Json.MAPPER.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
