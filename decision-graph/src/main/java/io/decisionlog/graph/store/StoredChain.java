package io.decisionlog.graph.store;

/**
 * A commit's chain as a trace reads it from the store: the pre-rendered {@link TraceParts} (null in rows projected
 * before they existed) and, only when the query asked for it or the parts are missing, the chain's JSON.
 */
public record StoredChain(String repo, String sha, TraceParts parts, String body) {
}
