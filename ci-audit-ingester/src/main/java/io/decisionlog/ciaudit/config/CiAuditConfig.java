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

    Pull pull();

    /** Runs older than this (by updated_at) are forgotten by the stale-status guard; late deliveries come sooner. */
    @WithDefault("7d")
    Duration ledgerRetention();

    /** Pulling runs from the CI systems' APIs ({@code decisionlog.ci.pull.*}), besides the webhooks. */
    interface Pull {
        /** {@code ref@host=token} entries, comma-separated: what a source's credentials_ref names; each token goes only to its host. */
        Optional<List<String>> credentials();

        /** A directory of secret files, each named after a credentials_ref and holding host=token. */
        Optional<java.nio.file.Path> credentialsDir();

        /** Sources pulled at the same time. */
        @WithDefault("2")
        int threads();

        /** A source's interval when its registration names none. */
        @WithDefault("5m")
        Duration interval();

        /** How far back each pass reads again (runs still going at the last pass change). */
        @WithDefault("24h")
        Duration lookback();

        /** How far back the first pass of a new source goes. */
        @WithDefault("30")
        int backfillDays();

        /** The time window a GitHub query starts from (split further while it holds over 1,000 runs). */
        @WithDefault("6h")
        Duration window();

        /** One request's time limit (connect and answer). */
        @WithDefault("30s")
        Duration requestTimeout();

        /** Retries of a 5xx answer or a failed connection, waiting 1, 2, 4… times retry-base. */
        @WithDefault("4")
        int retries();

        @WithDefault("2s")
        Duration retryBase();

        /** A rate limit that lifts within this is waited for; a longer one ends the pass, which goes on after it. */
        @WithDefault("5m")
        Duration maxWait();

        /** The largest page an API may answer. */
        @WithDefault("16777216")
        long maxPageBytes();
    }

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
