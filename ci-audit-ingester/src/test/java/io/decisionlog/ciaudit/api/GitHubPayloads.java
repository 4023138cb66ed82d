package io.decisionlog.ciaudit.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.decisionlog.ciaudit.Fixtures;
import io.decisionlog.ciaudit.Signatures;
import io.decisionlog.events.Json;

import java.io.IOException;
import java.io.UncheckedIOException;

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
        return Signatures.gitHub(SECRET, body);
    }
}
