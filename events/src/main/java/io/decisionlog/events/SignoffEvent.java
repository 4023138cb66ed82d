package io.decisionlog.events;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.time.Instant;

/**
 * What a steward said of a decision's chain, on {@code decisionlog.signoffs.v1}: an append-only log, one partition,
 * kept forever, keyed by the sign-off's id. A sign-off is never edited: it is withdrawn by a {@link Revoked} with the
 * same key, so the latest record of a key is the sign-off's state and the log keeps both.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = SignoffEvent.SignedOff.class, name = "signoff"),
        @JsonSubTypes.Type(value = SignoffEvent.Revoked.class, name = "revocation")})
public sealed interface SignoffEvent {
    /** The sign-off this event is about: its key on the topic. */
    String signoffId();

    String decisionId();

    String repo();

    /** The steward's token name, who said it. */
    String steward();

    Instant at();

    /**
     * A steward vouched for the decision's chain in one repository as it was when its digest was {@code digest}
     * ({@link DecisionDigest}); {@code signature}, when given, is the steward's SSH signature over the digest.
     */
    @WireFormat
    record SignedOff(String signoffId, String decisionId, String repo, String digest, String comment, String steward,
                     StewardSignature signature, Instant at) implements SignoffEvent {
    }

    /** A steward withdrew the sign-off {@code signoffId}. */
    @WireFormat
    record Revoked(String signoffId, String decisionId, String repo, String reason, String steward, Instant at)
            implements SignoffEvent {
    }

    /**
     * An SSH signature ({@code ssh-keygen -Y sign -n decisionlog}) over the digest's text, as the steward sent it, and
     * who decision-graph found it to be by its allowed signers: anyone with the same file can check it again.
     */
    @WireFormat
    record StewardSignature(String format, String principal, String keyFingerprint, String armored) {
        /** The namespace a steward signs a digest for: {@code ssh-keygen -Y sign -n decisionlog}. */
        public static final String NAMESPACE = "decisionlog";
    }
}
