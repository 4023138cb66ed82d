package io.decisionlog.events.signing;

import java.time.Instant;
import java.util.List;

/**
 * Whether an SSH signature over a message is a given person's, by an allowed-signers trust: the same question
 * {@code ssh-keygen -Y verify -I identity -n namespace} answers. {@code reason} says why not, in words.
 */
public record SshVerdict(boolean verified, String principal, String keyFingerprint, String reason) {

    public static SshVerdict check(String armored, byte[] message, String namespace, String identity,
                                   AllowedSigners trust, Instant at) {
        SshSignature signature;
        try {
            signature = SshSignature.parse(armored);
        } catch (IllegalArgumentException e) {
            return refused(null, e.getMessage());
        }
        String fingerprint = signature.key().fingerprint();
        if (!signature.namespace().equals(namespace)) {
            return refused(fingerprint, "the signature was made for namespace '" + signature.namespace() + "', not '"
                    + namespace + "' (sign with ssh-keygen -Y sign -n " + namespace + ")");
        }
        boolean mathematicallyValid;
        try {
            mathematicallyValid = signature.verifies(message, namespace);
        } catch (IllegalArgumentException e) {
            return refused(fingerprint, e.getMessage());
        }
        if (!mathematicallyValid) {
            return refused(fingerprint, "the signature does not match what was signed: it was made over other bytes,"
                    + " or changed since");
        }
        List<String> principals = trust.principalsOf(signature.key(), namespace, at);
        if (principals.isEmpty()) {
            return refused(fingerprint, "key " + fingerprint + " is not in the allowed signers for " + namespace);
        }
        if (!AllowedSigners.principalMatches(principals, identity)) {
            return refused(fingerprint, "key " + fingerprint + " belongs to " + String.join(",", principals)
                    + ", not to " + identity);
        }
        return new SshVerdict(true, identity, fingerprint, null);
    }

    private static SshVerdict refused(String fingerprint, String reason) {
        return new SshVerdict(false, null, fingerprint, reason);
    }
}
