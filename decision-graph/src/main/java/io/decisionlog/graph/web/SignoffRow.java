package io.decisionlog.graph.web;

import io.decisionlog.graph.api.SignoffsView;

import java.time.Instant;

/**
 * A steward's sign-off as a page shows it: who, for which decision (and its page's sign-off section), its state ({@code current}, {@code stale},
 * {@code revoked}, also its CSS class), why, when, with which SSH key when it was signed, and its revocation in words.
 * {@code revokeHref} is where a steward withdraws it; null once it is revoked.
 */
public record SignoffRow(String id, String decisionId, String decisionHref, String steward, String state,
                         String comment, String age, String when, String signedWith, String revoked, String revokeHref) {

    static SignoffRow of(SignoffsView.Entry entry, Instant now) {
        String revoked = entry.revokedAt() == null ? null : "revoked by " + entry.revokedBy() + " "
                + Ages.ago(entry.revokedAt(), now) + (entry.revokeReason() == null ? "" : ": " + entry.revokeReason());
        String signedWith = entry.signature() == null ? null : "SSH key " + entry.signature().keyFingerprint();
        String decision = Hrefs.decision(entry.decisionId());
        return new SignoffRow(entry.signoffId(), entry.decisionId(), decision + "#signoffs", entry.steward(),
                entry.state(), entry.comment(), Ages.ago(entry.signedAt(), now), Ages.exact(entry.signedAt()),
                signedWith, revoked, revoked == null ? decision + "/signoffs/" + entry.signoffId() + "/revocation" : null);
    }
}
