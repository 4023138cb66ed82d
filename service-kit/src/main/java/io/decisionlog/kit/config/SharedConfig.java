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

    interface DecisionId {
        /** What counts as a decision id, e.g. {@code D-2024-087} or {@code ADR-2025-0012}. */
        @WithDefault(DecisionIds.DEFAULT_PATTERN)
        String pattern();
    }

    interface Kafka {
        /** Replication of the topics the services create: 1 on the local runtime, 3 on a cluster. */
        @WithDefault("1")
        short replicationFactor();
    }
}
