package io.decisionlog.graph.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.decisionlog.events.SignoffEvent;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** A decision's chain in one repository as a steward reviews it: its digest now, and every sign-off of it. */
@Schema(description = "A decision's chain digest in a repository and its sign-offs, each current, stale or revoked")
public record SignoffsView(
        String decisionId,
        String repo,
        @Schema(description = "What a sign-off names: SHA-256 of the decision's minutes and its commits' chain digests "
                + "(docs/chain-digest.md)") String digest,
        @Schema(description = "Commits of the repository that name the decision") int commits,
        @Schema(description = "The repository's registration wants a current sign-off (require_signoff)") boolean required,
        List<Entry> signoffs) {

    /**
     * One sign-off. {@code state}: {@code current} (it names the digest the chain has now), {@code stale} (the chain
     * changed after it was given: a commit, a run, a signature verdict or a minutes revision), {@code revoked}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(String signoffId, String decisionId, String repo, String steward, String digest, String comment,
                        SignoffEvent.StewardSignature signature, Instant signedAt, String state, String revokedBy,
                        Instant revokedAt, String revokeReason) {
    }
}
