package io.decisionlog.events;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * An entry of the transparency log ({@code decisionlog.log.v1}): a record of a topic that must not change unnoticed —
 * a sign-off or its revocation, an audit event — copied with where it came from. Its bytes on the log topic are the
 * Merkle tree's leaf, so the tree is the topic's, on any rebuild.
 */
@WireFormat
public record LogEntry(String source, int partition, long offset, String key, Instant at, JsonNode record) {
}
