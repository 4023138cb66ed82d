package io.decisionlog.ciaudit.auth;

import io.decisionlog.events.webhook.Hmac;
import io.decisionlog.events.errors.Unauthorized;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * The Standard Webhooks signature newer GitLab sends: {@code webhook-signature: v1,<base64 HMAC-SHA256(secret,
 * "{id}.{timestamp}.{body}")>} (several space-separated), with {@code webhook-timestamp} within five minutes.
 */
public final class StandardWebhookSignature {
    static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final String SECRET_PREFIX = "whsec_";

    private final byte[] secret;
    private final Clock clock;

    public StandardWebhookSignature(String secret, Clock clock) {
        this.secret = secret.startsWith(SECRET_PREFIX)
                ? Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()))
                : secret.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    /** @throws Unauthorized saying which header is missing, stale or wrong */
    public void verify(String id, String timestamp, String signatures, byte[] body) {
        if (id == null || timestamp == null || signatures == null) {
            throw new Unauthorized("webhook-id, webhook-timestamp and webhook-signature must all be present");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            throw new Unauthorized("webhook-timestamp must be seconds since the epoch, not '" + timestamp + "'");
        }
        Duration age = Duration.between(Instant.ofEpochSecond(seconds), clock.instant()).abs();
        if (age.compareTo(TOLERANCE) > 0) {
            throw new Unauthorized("webhook-timestamp is " + age.toSeconds() + " s away from now (at most 300 s)");
        }
        byte[] expected = Hmac.sha256(secret, (id + "." + timestamp.trim() + ".").getBytes(StandardCharsets.UTF_8), body);
        boolean matches = false;
        for (String candidate : signatures.trim().split(" +")) {
            matches |= candidate.startsWith("v1,") && Hmac.equal(expected, decode(candidate.substring(3)));
        }
        if (!matches) {
            throw new Unauthorized("webhook-signature has no v1 signature that matches the body");
        }
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }
}
