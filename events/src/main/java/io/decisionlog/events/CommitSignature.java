package io.decisionlog.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a commit's signature says, checked against the trust the operator configured. A bad signature is a fact of
 * its own ({@link Status#BAD}), never folded into "unsigned".
 *
 * @param format         {@code ssh}, {@code openpgp} or {@code x509}; null when the commit is not signed
 * @param signer         who the trust says signed it (an allowed-signers principal, a key's user id), when known
 * @param keyFingerprint the signing key's fingerprint, when the signature could be read
 * @param reason         why the status is what it is, in words, when it is not {@code verified} or {@code none}
 * @param tag            the signed tag whose signature this is, when the commit's own does not settle it: an annotated
 *                       tag on the branch vouches for the commits it covers (its target and everything before it)
 */
@WireFormat
public record CommitSignature(String format, String signer, String keyFingerprint, Status status, String reason,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String tag) {
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

    /** A commit's own signature's verdict. */
    public CommitSignature(String format, String signer, String keyFingerprint, Status status, String reason) {
        this(format, signer, keyFingerprint, status, reason, null);
    }

    /** The same verdict, as the signature of the named tag. */
    public CommitSignature ofTag(String tagName) {
        return new CommitSignature(format, signer, keyFingerprint, status, reason, tagName);
    }

    /**
     * What the commit's record says when a signed tag covers it. Its own verified or bad signature stands (a bad one
     * is never hidden by a tag); a verified tag vouches for a commit whose own signature is absent or unverified; any
     * other tag's verdict is said only of an unsigned commit.
     */
    public CommitSignature coveredBy(CommitSignature tagVerdict) {
        if (tagVerdict == null || status == Status.VERIFIED || status == Status.BAD) {
            return this;
        }
        return tagVerdict.status == Status.VERIFIED || status == Status.NONE ? tagVerdict : this;
    }
}
