package io.decisionlog.graph.projection;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Where this instance's store projection stands. */
@Schema(description = "Progress of this instance's projection of the topics into the store")
public record ProjectionStatus(
        @Schema(description = "Bumped by every rebuild") long generation,
        @Schema(description = "Partitions of the projected topics this instance follows") int partitions,
        @Schema(description = "Committed records on those partitions not in the store yet") long lag,
        @Schema(description = "True when every followed partition has been applied to its end") boolean caughtUp,
        @Schema(description = "Records applied since start") long applied,
        @Schema(description = "Records skipped since start because they could not be read or stored") long skipped,
        @Schema(description = "The last failure, if any") String lastError) {
}
