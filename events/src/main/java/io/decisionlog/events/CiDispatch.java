package io.decisionlog.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A manual dispatch with its inputs ({@link Topics#CI_DISPATCHES}). It carries no run id or sha: decision-graph
 * correlates it with the run it caused.
 */
@WireFormat
public record CiDispatch(
        String provider,
        String repo,
        String workflowPath,
        String ref,
        String sender,
        Map<String, String> inputs,
        List<String> decisionIds,
        String reason,
        String deliveryId,
        Instant receivedAt) {

    public CiDispatch {
        inputs = Nulls.map(inputs);
        decisionIds = Nulls.list(decisionIds);
    }

    public String key() {
        return Keys.ciDispatch(provider, repo, deliveryId);
    }
}
