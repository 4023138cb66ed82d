package io.decisionlog.ciaudit.auth;

import io.decisionlog.ciaudit.config.CiAuditConfig;
import io.decisionlog.events.errors.Unauthorized;
import io.decisionlog.events.webhook.GitHubSignature;
import io.decisionlog.events.webhook.SharedToken;
import io.decisionlog.events.webhook.UnsignedDeliveries;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How each CI webhook authenticates its deliveries, from {@code decisionlog.ci.*}; checked over the raw bytes before
 * any parsing. A provider whose secret is not configured accepts no delivery unless unsigned ones are allowed.
 */
@Singleton
public class WebhookAuth {
    private final GitHubSignature gitHub;
    private final SharedToken gitLabToken;
    private final StandardWebhookSignature gitLabSignature;
    private final SharedToken jenkins;
    private final UnsignedDeliveries unsigned;

    @Inject
    public WebhookAuth(CiAuditConfig config, UnsignedDeliveries unsigned, Clock clock) {
        this.gitHub = new GitHubSignature(config.github().secret().orElse(List.of()));
        this.gitLabToken = new SharedToken(config.gitlab().token());
        this.gitLabSignature = config.gitlab().token().map(String::trim).filter(t -> !t.isEmpty())
                .map(token -> new StandardWebhookSignature(token, clock)).orElse(null);
        this.jenkins = new SharedToken(config.jenkins().token());
        this.unsigned = unsigned;
    }

    public void gitHub(String signature, byte[] body) {
        if (!gitHub.enabled()) {
            unsigned.check("/webhooks/github", "decisionlog.ci.github.secret");
            return;
        }
        gitHub.verify(signature, body);
    }

    /** X-Gitlab-Token when present; otherwise the Standard-Webhooks signature. */
    public void gitLab(String token, String webhookId, String timestamp, String signature, byte[] body) {
        if (!gitLabToken.enabled()) {
            unsigned.check("/webhooks/gitlab", "decisionlog.ci.gitlab.token");
            return;
        }
        if (token != null) {
            gitLabToken.require(token, "X-Gitlab-Token");
        } else if (signature != null) {
            gitLabSignature.verify(webhookId, timestamp, signature, body);
        } else {
            throw new Unauthorized("neither X-Gitlab-Token nor webhook-signature is present");
        }
    }

    public void jenkins(String token) {
        if (!jenkins.enabled()) {
            unsigned.check("/webhooks/jenkins", "decisionlog.ci.jenkins.token");
            return;
        }
        jenkins.require(token, "the Jenkins token (X-Decisionlog-Token header or token parameter)");
    }

    /** Endpoint → how it is protected, for the health details and the start-up log. */
    public Map<String, String> describe() {
        Map<String, String> modes = new LinkedHashMap<>();
        modes.put("github", unsigned.describe(gitHub.enabled(), "signature required"));
        modes.put("gitlab", unsigned.describe(gitLabToken.enabled(), "token or signature required"));
        modes.put("jenkins", unsigned.describe(jenkins.enabled(), "token required"));
        modes.put("api", "API token of an operator required (Authorization: Bearer)");
        return modes;
    }
}
