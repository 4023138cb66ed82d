package io.decisionlog.events.webhook;

import io.decisionlog.events.errors.Unauthorized;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GitHubSignatureTest {
    // GitHub's documented test vector
    private static final String SECRET = "It's a Secret to Everybody";
    private static final byte[] BODY = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    private static final String SIGNATURE = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    private final GitHubSignature signature = new GitHubSignature(List.of(SECRET));

    @Test
    void shouldAcceptGitHubsTestVector() {
        assertThatCode(() -> signature.verify(SIGNATURE, BODY)).doesNotThrowAnyException();
        assertThatCode(() -> signature.verify(SIGNATURE.toUpperCase().replace("SHA256=", "sha256="), BODY))
                .doesNotThrowAnyException();
    }

    @Test
    void shouldAcceptAnyConfiguredSecretDuringARotation() {
        GitHubSignature rotating = new GitHubSignature(List.of("the-new-secret", SECRET));
        assertThatCode(() -> rotating.verify(SIGNATURE, BODY)).doesNotThrowAnyException();
    }

    @Test
    void shouldRejectAMissingSignature() {
        assertThatThrownBy(() -> signature.verify(null, BODY)).isInstanceOf(Unauthorized.class).hasMessageContaining("missing");
        assertThatThrownBy(() -> signature.verify(" ", BODY)).isInstanceOf(Unauthorized.class);
    }

    @Test
    void shouldRejectAWrongSignatureOrATamperedBody() {
        assertThatThrownBy(() -> signature.verify(SIGNATURE, "Hello, World?".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(Unauthorized.class).hasMessageContaining("does not match");
        assertThatThrownBy(() -> new GitHubSignature(List.of("another")).verify(SIGNATURE, BODY))
                .isInstanceOf(Unauthorized.class);
    }

    @Test
    void shouldRejectSha1OnlyNonHexAndWrongLengthSignatures() {
        assertThatThrownBy(() -> signature.verify("sha1=0123456789abcdef0123456789abcdef01234567", BODY))
                .isInstanceOf(Unauthorized.class).hasMessageContaining("sha1");
        assertThatThrownBy(() -> signature.verify("sha256=" + "zz".repeat(32), BODY))
                .isInstanceOf(Unauthorized.class).hasMessageContaining("64 hex digits");
        assertThatThrownBy(() -> signature.verify(SIGNATURE.substring(0, SIGNATURE.length() - 2), BODY))
                .isInstanceOf(Unauthorized.class).hasMessageContaining("64 hex digits");
        assertThatThrownBy(() -> signature.verify(SIGNATURE + "00", BODY)).isInstanceOf(Unauthorized.class);
    }

    @Test
    void shouldAcceptUnsignedDeliveriesWhenNoSecretIsConfigured() {
        GitHubSignature open = new GitHubSignature(List.of());
        assertThatCode(() -> open.verify(null, BODY)).doesNotThrowAnyException();
    }
}
