package io.decisionlog.events.webhook;

import io.decisionlog.events.errors.Unauthorized;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Authenticates a push delivery when a secret is set: GitHub's {@code X-Hub-Signature-256} (HMAC-SHA256 of the raw
 * body) or GitLab's {@code X-Gitlab-Token} equal to the secret: the push webhooks of the blame- and the
 * minutes-ingester.
 */
public final class PushSignature {
    private final GitHubSignature github;
    private final SharedToken gitlab;
    private final UnsignedDeliveries unsigned;
    private final String secretSetting;

    /** @param secretSetting the setting that holds the secret, for the refusal that says to set it */
    public PushSignature(Optional<String> secret, UnsignedDeliveries unsigned, String secretSetting) {
        this.github = new GitHubSignature(secret.map(List::of).orElse(List.of()));
        this.gitlab = new SharedToken(secret);
        this.unsigned = unsigned;
        this.secretSetting = secretSetting;
    }

    public boolean enabled() {
        return github.enabled();
    }

    /** How the endpoint stands, for health details. */
    public String describe() {
        return unsigned.describe(enabled(), "signature or token required");
    }

    /** @throws Unauthorized saying what is missing or wrong */
    public void verify(String hubSignature256, String gitlabToken, byte[] body) {
        if (!enabled()) {
            unsigned.check("/webhooks/push", secretSetting);
            return;
        }
        if (hubSignature256 != null && !hubSignature256.isBlank()) {
            github.verify(hubSignature256, body);
        } else if (gitlabToken != null && !gitlabToken.isBlank()) {
            gitlab.require(gitlabToken, "X-Gitlab-Token");
        } else {
            throw new Unauthorized("the delivery is not signed: send X-Hub-Signature-256 (GitHub) or X-Gitlab-Token (GitLab)");
        }
    }

    /** The header GitHub would send for this body, for tests and scripts. */
    public static String sign(byte[] secret, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(Hmac.sha256(secret, body));
    }
}
