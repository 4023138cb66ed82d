package io.decisionlog.graph.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;

/** The web UI ({@code decisionlog.web.*}): where it asks the ingesters for sync state, and how long it waits. */
@ConfigMapping(prefix = "decisionlog.web")
public interface WebConfig {

    /** The blame-ingester, for the repository list's sync state and progress ({@code ./decisionlog up} sets it). */
    @WithDefault("http://127.0.0.1:8082")
    URI blameUrl();

    /** The minutes-ingester, for a minutes source's accepted and rejected files. */
    @WithDefault("http://127.0.0.1:8083")
    URI minutesUrl();

    /** Single sign-on at {@code /sign-in/sso} (set by {@link WebSsoSwitch} from the environment). */
    @WithDefault("false")
    boolean sso();

    /** How long a page waits for an ingester before it shows what the store knows and says the rest is unavailable. */
    @WithDefault("3s")
    Duration ingesterTimeout();

    /**
     * How long a {@code rev=} answer waits for the blame-ingester's past blame: a little over its file time limit
     * ({@code decisionlog.blame.file-time-limit}, 30s), which bounds the blame itself.
     */
    @WithDefault("35s")
    Duration pastBlameTimeout();
}
