package io.decisionlog.ciaudit.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings of the CI webhooks ({@code decisionlog.ci.*}); each key also works as an environment variable. */
@ConfigMapping(prefix = "decisionlog.ci")
public interface CiAuditConfig {

    GitHub github();

    GitLab gitlab();

    Jenkins jenkins();

    /** Runs older than this (by updated_at) are forgotten by the stale-status guard; late deliveries come sooner. */
    @WithDefault("7d")
    Duration ledgerRetention();

    interface GitHub {
        /** Webhook secrets; several (comma-separated) during a rotation. None: deliveries are refused unless DECISIONLOG_WEBHOOKS_ALLOW_UNSIGNED=true. */
        Optional<List<String>> secret();
    }

    interface GitLab {
        /** The X-Gitlab-Token value, also the Standard-Webhooks signing secret ({@code whsec_…} or raw). */
        Optional<String> token();
    }

    interface Jenkins {
        /** Shared token, sent as header X-Decisionlog-Token or query parameter token. */
        Optional<String> token();
    }

}
