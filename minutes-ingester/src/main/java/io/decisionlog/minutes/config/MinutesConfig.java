package io.decisionlog.minutes.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Settings of the minutes-ingester ({@code decisionlog.minutes.*}); each key also works as an environment variable. */
@ConfigMapping(prefix = "decisionlog.minutes")
public interface MinutesConfig {

    /** How often every source is fetched; 0 turns polling off (webhooks and REST still sync). */
    @WithDefault("60s")
    Duration pollInterval();

    /** Network timeout of one fetch; a source that does not answer in time records the error and waits for the next sync. */
    @WithDefault("60s")
    Duration fetchTimeout();

    /** Minutes files larger than this are rejected unread (SnakeYAML's own code-point limit is set to the same). */
    @WithDefault("262144")
    int maxFileBytes();

    /**
     * Secret of {@code /webhooks/push}: GitHub's {@code X-Hub-Signature-256} (HMAC-SHA256 of the body) or GitLab's
     * {@code X-Gitlab-Token} must match it. None: push deliveries are refused unless DECISIONLOG_WEBHOOKS_ALLOW_UNSIGNED=true.
     */
    Optional<String> webhookSecret();
}
