package io.decisionlog.ciaudit.auth;

import io.decisionlog.events.webhook.Hmac;
import io.decisionlog.events.errors.Unauthorized;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StandardWebhookSignatureTest {
    private static final Instant NOW = Instant.parse("2024-04-10T09:15:00Z");
    private static final byte[] BODY = "{\"object_kind\":\"pipeline\"}".getBytes(StandardCharsets.UTF_8);
    private static final String ID = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W";

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void shouldAcceptAValidSignatureAmongSeveral() {
        String timestamp = String.valueOf(NOW.getEpochSecond());
        String header = "v1,bm90LWl0 " + sign("s3cret", timestamp);
        assertThatCode(() -> new StandardWebhookSignature("s3cret", clock).verify(ID, timestamp, header, BODY))
                .doesNotThrowAnyException();
    }

    @Test
    void shouldDecodeWhsecSecrets() {
        byte[] key = "raw key bytes".getBytes(StandardCharsets.UTF_8);
        String secret = "whsec_" + Base64.getEncoder().encodeToString(key);
        String timestamp = String.valueOf(NOW.getEpochSecond());
        String signature = "v1," + Base64.getEncoder().encodeToString(
                Hmac.sha256(key, (ID + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8), BODY));
        assertThatCode(() -> new StandardWebhookSignature(secret, clock).verify(ID, timestamp, signature, BODY))
                .doesNotThrowAnyException();
    }

    @Test
    void shouldRejectATimestampOutsideFiveMinutes() {
        String old = String.valueOf(NOW.minusSeconds(301).getEpochSecond());
        assertThatThrownBy(() -> new StandardWebhookSignature("s3cret", clock).verify(ID, old, sign("s3cret", old), BODY))
                .isInstanceOf(Unauthorized.class).hasMessageContaining("301 s");
    }

    @Test
    void shouldRejectAWrongSignatureOrMissingHeaders() {
        String timestamp = String.valueOf(NOW.getEpochSecond());
        StandardWebhookSignature verifier = new StandardWebhookSignature("s3cret", clock);
        assertThatThrownBy(() -> verifier.verify(ID, timestamp, sign("other", timestamp), BODY))
                .isInstanceOf(Unauthorized.class).hasMessageContaining("no v1 signature");
        assertThatThrownBy(() -> verifier.verify(null, timestamp, sign("s3cret", timestamp), BODY))
                .isInstanceOf(Unauthorized.class);
        assertThatThrownBy(() -> verifier.verify(ID, "yesterday", sign("s3cret", timestamp), BODY))
                .isInstanceOf(Unauthorized.class).hasMessageContaining("seconds since the epoch");
    }

    static String sign(String secret, String timestamp) {
        return "v1," + Base64.getEncoder().encodeToString(Hmac.sha256(secret.getBytes(StandardCharsets.UTF_8),
                (ID + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8), BODY));
    }
}
