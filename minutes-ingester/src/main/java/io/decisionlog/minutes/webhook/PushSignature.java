package io.decisionlog.minutes.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Authenticates a push delivery when a secret is set: GitHub's {@code X-Hub-Signature-256: sha256=<hex HMAC>} of
 * the raw body, or GitLab's {@code X-Gitlab-Token} equal to the secret. Comparisons are constant-time.
 */
public final class PushSignature {
    private static final String PREFIX = "sha256=";

    private final byte[] secret;

    public PushSignature(Optional<String> secret) {
        this.secret = secret.map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> s.getBytes(StandardCharsets.UTF_8)).orElse(null);
    }

    public boolean enabled() {
        return secret != null;
    }

    /** @throws Unauthorized saying what is missing or wrong */
    public void verify(String hubSignature256, String gitlabToken, byte[] body) {
        if (!enabled()) {
            return;
        }
        if (hubSignature256 != null && !hubSignature256.isBlank()) {
            String value = hubSignature256.trim();
            if (!value.startsWith(PREFIX) || value.length() != PREFIX.length() + 64) {
                throw new Unauthorized("X-Hub-Signature-256 must be 'sha256=' followed by 64 hex digits");
            }
            byte[] given;
            try {
                given = HexFormat.of().parseHex(value.substring(PREFIX.length()));
            } catch (IllegalArgumentException e) {
                throw new Unauthorized("X-Hub-Signature-256 must be 'sha256=' followed by 64 hex digits");
            }
            if (!MessageDigest.isEqual(hmac(body), given)) {
                throw new Unauthorized("X-Hub-Signature-256 does not match the body signed with the configured secret");
            }
            return;
        }
        if (gitlabToken != null && !gitlabToken.isBlank()) {
            if (!MessageDigest.isEqual(secret, gitlabToken.trim().getBytes(StandardCharsets.UTF_8))) {
                throw new Unauthorized("X-Gitlab-Token does not match the configured secret");
            }
            return;
        }
        throw new Unauthorized("the delivery is not signed: send X-Hub-Signature-256 (GitHub) or X-Gitlab-Token (GitLab)");
    }

    public static String sign(byte[] secret, byte[] body) {
        return PREFIX + HexFormat.of().formatHex(hmac(secret, body));
    }

    private byte[] hmac(byte[] body) {
        return hmac(secret, body);
    }

    private static byte[] hmac(byte[] key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
