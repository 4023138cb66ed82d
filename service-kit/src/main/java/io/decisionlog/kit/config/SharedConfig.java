package io.decisionlog.kit.config;

import io.decisionlog.events.DecisionIds;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The settings every service reads ({@code decisionlog.*}); each service maps its own keys in a mapping of its own
 * under the same prefix. Every key also works as an environment variable ({@code decisionlog.data-dir} →
 * {@code DECISIONLOG_DATA_DIR}).
 */
@ConfigMapping(prefix = "decisionlog")
public interface SharedConfig {

    /** Clones of tracked repositories and other local state. */
    @WithDefault("./var")
    Path dataDir();

    DecisionId decisionId();

    /**
     * Repositories the blame-ingester tracks from the start, besides REST registrations: {@code owner/name=url[#branch]},
     * comma-separated.
     */
    Optional<List<String>> repos();

    /**
     * Minutes sources the minutes-ingester tracks from the start, besides REST registrations:
     * {@code SOURCE=URL[#BRANCH]}, comma-separated.
     */
    Optional<List<String>> sources();

    Kafka kafka();

    /**
     * An admin token every service accepts ({@code DECISIONLOG_ADMIN_TOKEN}), to mint the team's own tokens with.
     * {@code ./decisionlog up} generates one into {@code $DECISIONLOG_DATA_DIR/admin.token} when none is set.
     */
    Optional<String> adminToken();

    /**
     * Host names and IP ranges a fetch may reach beyond the outbound rule ({@code DECISIONLOG_OUTBOUND_ALLOW}, e.g. an
     * internal git server: {@code git.corp.example,10.20.0.0/16}); also the only hosts plain http may reach.
     */
    Optional<List<String>> outboundAllow();

    /**
     * Directories under which local repositories ({@code /srv/git/x}, {@code file://…}) may be registered,
     * colon-separated ({@code DECISIONLOG_LOCAL_REPO_ROOTS}); none by default.
     */
    Optional<String> localRepoRoots();

    Webhooks webhooks();

    Git git();

    Oidc oidc();

    interface DecisionId {
        /** What counts as a decision id, e.g. {@code D-2024-087} or {@code ADR-2025-0012}. */
        @WithDefault(DecisionIds.DEFAULT_PATTERN)
        String pattern();
    }

    interface Webhooks {
        /**
         * Accept webhook deliveries of a provider whose secret is not configured ({@code
         * DECISIONLOG_WEBHOOKS_ALLOW_UNSIGNED}); off, such an endpoint answers 401. On, it warns at start and in health.
         */
        @WithDefault("false")
        boolean allowUnsigned();
    }

    interface Git {
        /**
         * Tokens for private repositories over https, each bound to its host: {@code host=token}, comma-separated
         * ({@code DECISIONLOG_GIT_CREDENTIALS=github.com=ghp_…}). A token is sent only to its host, only over https,
         * never after a redirect elsewhere; it is never stored, published or shown.
         */
        Optional<List<String>> credentials();
    }

    interface Oidc {
        /** The claim of an OIDC access token that holds its roles (reader, steward, operator, admin). */
        @WithDefault("groups")
        String roleClaim();

        /** The claim that lists the repositories an OIDC principal may read; absent: all. */
        @WithDefault("repos")
        String reposClaim();
    }

    interface Kafka {
        /** Replication of the topics the services create: 1 on the local runtime, 3 on a cluster. */
        @WithDefault("1")
        short replicationFactor();
    }
}
