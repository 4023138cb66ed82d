package io.decisionlog.graph.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the store follows its topics ({@code decisionlog.store.*}). */
@ConfigMapping(prefix = "decisionlog.store")
public interface StoreConfig {

    /** The consumer group of the projection; instances of decision-graph share the partitions. */
    @WithDefault("decision-graph-store")
    String groupId();

    /** At most this many records per database transaction. */
    @WithDefault("500")
    int maxBatch();

    /**
     * How much of the store traces keep in memory: files' blame at their tips and their commits' trace parts, deflated,
     * the least recently read out first (io.decisionlog.graph.store.TraceMemory); 0 reads every trace from the store.
     */
    @WithDefault("64M")
    MemorySize traceMemory();

    /** False leaves the store as it is (read-only replicas, debugging). */
    @WithDefault("true")
    boolean enabled();
}
