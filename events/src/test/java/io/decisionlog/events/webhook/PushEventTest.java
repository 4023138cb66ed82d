package io.decisionlog.events.webhook;

import io.decisionlog.events.errors.Unauthorized;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which sources a push delivery names, and who may send one. */
class PushEventTest {
    private static final String GITHUB = """
            {"ref": "refs/heads/main",
             "repository": {"full_name": "acme/minutes", "clone_url": "https://github.com/acme/minutes.git",
                            "ssh_url": "git@github.com:acme/minutes.git", "html_url": "https://github.com/acme/minutes"}}
            """;
    private static final String GITLAB = """
            {"object_kind": "push", "ref": "refs/heads/release",
             "project": {"path_with_namespace": "team/adr", "git_http_url": "https://gitlab.example.com/team/adr.git",
                         "git_ssh_url": "git@gitlab.example.com:team/adr.git"}}
            """;

    private static PushEvent parse(String json) {
        return PushEvent.parse(json.getBytes(StandardCharsets.UTF_8)).orElseThrow();
    }

    @Test
    void shouldMatchAGitHubPushByNameOrByAnyOfItsUrls() {
        PushEvent push = parse(GITHUB);

        assertThat(push.matches("acme/minutes", "/srv/elsewhere", "main")).isTrue();
        assertThat(push.matches("minutes", "https://github.com/acme/minutes", "main")).isTrue();
        assertThat(push.matches("minutes", "ssh://git@github.com/acme/minutes.git", "main")).isTrue();
        assertThat(push.matches("minutes", "git@github.com:acme/minutes.git", "main")).isTrue();
        assertThat(push.matches("acme/other", "https://github.com/acme/other.git", "main")).isFalse();
    }

    @Test
    void shouldMatchOnlyTheSourceTrackingThePushedBranch() {
        PushEvent push = parse(GITLAB);

        assertThat(push.matches("team/adr", "x", "release")).isTrue();
        assertThat(push.matches("team/adr", "x", "main")).isFalse();
        assertThat(push.matches("adr", "https://gitlab.example.com/team/adr/", "release")).isTrue();
    }

    @Test
    void shouldRefuseABodyThatIsNotAJsonObject() {
        assertThat(PushEvent.parse("not json".getBytes(StandardCharsets.UTF_8))).isEqualTo(Optional.empty());
        assertThat(PushEvent.parse("[1]".getBytes(StandardCharsets.UTF_8))).isEqualTo(Optional.empty());
    }

    @Test
    void shouldAcceptAGoodSignatureOrTokenAndRefuseEverythingElse() {
        PushSignature signature = new PushSignature(Optional.of("s3cret"), new UnsignedDeliveries(false), "x.secret");
        byte[] body = GITHUB.getBytes(StandardCharsets.UTF_8);
        String good = PushSignature.sign("s3cret".getBytes(StandardCharsets.UTF_8), body);

        signature.verify(good, null, body);
        signature.verify(null, "s3cret", body);
        assertThatThrownBy(() -> signature.verify(good, null, "tampered".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(Unauthorized.class).hasMessageContaining("does not match");
        assertThatThrownBy(() -> signature.verify("sha1=abc", null, body))
                .isInstanceOf(Unauthorized.class).hasMessageContaining("must start with 'sha256='");
        assertThatThrownBy(() -> signature.verify(null, "wrong", body))
                .isInstanceOf(Unauthorized.class).hasMessage("X-Gitlab-Token is wrong");
        assertThatThrownBy(() -> signature.verify(null, null, body))
                .isInstanceOf(Unauthorized.class).hasMessageContaining("not signed");
    }

    @Test
    void shouldRefuseEveryDeliveryWithoutASecretUnlessUnsignedOnesAreAllowed() {
        PushSignature closed = new PushSignature(Optional.empty(), new UnsignedDeliveries(false), "decisionlog.x.secret");
        PushSignature open = new PushSignature(Optional.empty(), new UnsignedDeliveries(true), "decisionlog.x.secret");

        assertThatThrownBy(() -> closed.verify(null, null, new byte[0])).isInstanceOf(Unauthorized.class)
                .hasMessageContaining("no secret configured (decisionlog.x.secret)")
                .hasMessageContaining("DECISIONLOG_WEBHOOKS_ALLOW_UNSIGNED");
        assertThat(closed.describe()).isEqualTo("refused: no secret configured");
        open.verify(null, null, new byte[0]);
        assertThat(open.describe()).startsWith("UNSIGNED deliveries accepted");
    }
}
