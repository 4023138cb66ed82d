package io.decisionlog.graph.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What the query API shows and how much ({@code decisionlog.api.*}). */
@ConfigMapping(prefix = "decisionlog.api")
public interface ApiConfig {

    /** Show commit authors' and committers' e-mail addresses; off by default, names are enough to ask someone. */
    @WithDefault("false")
    boolean exposeEmails();

    /** The largest {@code limit} a list accepts. */
    @WithDefault("100")
    int maxLimit();
}
