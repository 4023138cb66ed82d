package io.decisionlog.graph.config;

import io.decisionlog.graph.topology.GraphSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The topology's settings ({@code decisionlog.graph.*}); the decision-id pattern is the shared key. */
@ConfigMapping(prefix = "decisionlog.graph")
public interface GraphConfig {

    /** How long after a {@code workflow_dispatch} delivery the run it caused may start and still be linked. */
    @WithDefault("PT2M")
    Duration dispatchWindow();

    /** Where state stores live: {@code rocks_db} (default, spills to disk) or {@code in_memory}. */
    @WithDefault("rocks_db")
    GraphSettings.StoreKind stores();
}
