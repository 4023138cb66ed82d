package io.decisionlog.ciaudit.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.decisionlog.events.CiRun;
import io.decisionlog.events.errors.BadRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One page of GitHub's {@code GET /repos/{owner}/{repo}/actions/runs}: the runs it could read, and each one it could
 * not with the reason, so one malformed run never costs the page's others. {@code totalCount} is the whole query's.
 */
public record GitHubRunsPage(long totalCount, List<CiRun> runs, List<String> refused) {

    /** @throws BadRequest when the body is not a runs list at all */
    public static GitHubRunsPage read(byte[] body, String repo, String deliveryId, Instant receivedAt) {
        JsonNode tree = Payloads.tree(body);
        JsonNode items = tree.path("workflow_runs");
        if (!items.isArray()) {
            throw new BadRequest("workflow_runs", "the answer has no workflow_runs list");
        }
        List<CiRun> runs = new ArrayList<>(items.size());
        List<String> refused = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String field = "workflow_runs[" + i + "].";
            try {
                GitHubDeliveries.WorkflowRun run = Payloads.convert(items.get(i), GitHubDeliveries.WorkflowRun.class);
                runs.add(GitHubDeliveries.run(run, field, repo, null, deliveryId, receivedAt).pulled());
            } catch (BadRequest e) {
                refused.add(e.getMessage());
            }
        }
        return new GitHubRunsPage(tree.path("total_count").asLong(items.size()), runs, refused);
    }
}
