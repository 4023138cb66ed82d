package io.decisionlog.events.webhook;

import io.decisionlog.events.errors.Unauthorized;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/**
 * Checks {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256(secret, raw body)>} against every configured secret
 * (several during a rotation), before the body is parsed.
 */
public final class GitHubSignature {
    private static final String PREFIX = "sha256=";
    private static final int HEX_LENGTH = 64;

    private final List<byte[]> secrets;

    public GitHubSignature(List<String> secrets) {
        this.secrets = secrets.stream().map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
    }

    public boolean enabled() {
        return !secrets.isEmpty();
    }

    /** @throws Unauthorized saying what is wrong with the header */
    public void verify(String header, byte[] body) {
        if (!enabled()) {
            return;
        }
        if (header == null || header.isBlank()) {
            throw new Unauthorized("X-Hub-Signature-256 is missing; this endpoint requires signed deliveries");
        }
        String value = header.trim();
        if (!value.startsWith(PREFIX)) {
            throw new Unauthorized("X-Hub-Signature-256 must start with 'sha256=' (sha1 signatures are not accepted)");
        }
        String hex = value.substring(PREFIX.length());
        if (hex.length() != HEX_LENGTH || !hex.chars().allMatch(GitHubSignature::isHexDigit)) {
            throw new Unauthorized("X-Hub-Signature-256 must be 'sha256=' followed by 64 hex digits");
        }
        byte[] signature = HexFormat.of().parseHex(hex);
        boolean matches = false;
        for (byte[] secret : secrets) {
            // no early exit: every secret is tried, so timing says nothing about which one matched
            matches |= Hmac.equal(Hmac.sha256(secret, body), signature);
        }
        if (!matches) {
            throw new Unauthorized("X-Hub-Signature-256 does not match the body signed with any configured secret");
        }
    }

    private static boolean isHexDigit(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
