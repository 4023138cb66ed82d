package io.decisionlog.ciaudit.auth;

import io.decisionlog.ciaudit.config.CiAuditConfig;
import io.decisionlog.events.webhook.GitHubSignature;
import io.decisionlog.events.webhook.SharedToken;
import io.decisionlog.events.errors.Unauthorized;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How each endpoint authenticates its callers, from {@code decisionlog.ci.*}; checked before any parsing. */
@Singleton
public class WebhookAuth {
    private final GitHubSignature gitHub;
    private final SharedToken gitLabToken;
    private final StandardWebhookSignature gitLabSignature;
    private final SharedToken jenkins;
    private final SharedToken api;

    @Inject
    public WebhookAuth(CiAuditConfig config, Clock clock) {
        this.gitHub = new GitHubSignature(config.github().secret().orElse(List.of()));
        this.gitLabToken = new SharedToken(config.gitlab().token());
        this.gitLabSignature = config.gitlab().token().map(String::trim).filter(t -> !t.isEmpty())
                .map(token -> new StandardWebhookSignature(token, clock)).orElse(null);
        this.jenkins = new SharedToken(config.jenkins().token());
        this.api = new SharedToken(config.api().token());
    }

    public void gitHub(String signature, byte[] body) {
        gitHub.verify(signature, body);
    }

    /** X-Gitlab-Token when present; otherwise the Standard-Webhooks signature. */
    public void gitLab(String token, String webhookId, String timestamp, String signature, byte[] body) {
        if (!gitLabToken.enabled()) {
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
        jenkins.require(token, "the Jenkins token (X-Decisionlog-Token header or token parameter)");
    }

    public void api(String authorization) {
        String bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7) : null;
        api.require(bearer, "the bearer token (Authorization: Bearer …)");
    }

    /** Endpoint → how it is protected, for the health details. */
    public Map<String, String> describe() {
        Map<String, String> modes = new LinkedHashMap<>();
        modes.put("github", gitHub.enabled() ? "signature required" : "UNSIGNED deliveries accepted");
        modes.put("gitlab", gitLabToken.enabled() ? "token or signature required" : "UNAUTHENTICATED deliveries accepted");
        modes.put("jenkins", jenkins.enabled() ? "token required" : "UNAUTHENTICATED deliveries accepted");
        modes.put("api", api.enabled() ? "bearer token required" : "UNAUTHENTICATED calls accepted");
        return modes;
    }
}
