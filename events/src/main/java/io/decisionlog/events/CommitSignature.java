package io.decisionlog.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a commit's signature says, checked against the trust the operator configured. A bad signature is a fact of
 * its own ({@link Status#BAD}), never folded into "unsigned".
 *
 * @param format         {@code ssh}, {@code openpgp} or {@code x509}; null when the commit is not signed
 * @param signer         who the trust says signed it (an allowed-signers principal, a key's user id), when known
 * @param keyFingerprint the signing key's fingerprint, when the signature could be read
 * @param reason         why the status is what it is, in words, when it is not {@code verified} or {@code none}
 */
@WireFormat
public record CommitSignature(String format, String signer, String keyFingerprint, Status status, String reason) {
    public enum Status {
        /** A valid signature by a key the trust names for its signer. */
        @JsonProperty("verified") VERIFIED,
        /** A valid signature, but the key is not trusted for that use (e.g. no matching principal or namespace). */
        @JsonProperty("unverified") UNVERIFIED,
        /** The signature does not match the commit: edited after signing, or forged. */
        @JsonProperty("bad") BAD,
        /** Signed by a key the configured trust does not know, or no trust is configured for this format. */
        @JsonProperty("unknown_key") UNKNOWN_KEY,
        /** Not signed. */
        @JsonProperty("none") NONE
    }

    public static final CommitSignature UNSIGNED = new CommitSignature(null, null, null, Status.NONE, null);
}
