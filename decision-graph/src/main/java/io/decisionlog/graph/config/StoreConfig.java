package io.decisionlog.graph.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

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

    /**
     * The most one read of the API or the pages may take in the store, waiting for a lock included, before it is
     * cancelled and answered 503 busy (io.decisionlog.graph.store.StoreReads); whole seconds, at least one.
     */
    @WithDefault("10s")
    Duration readTimeout();

    /** False leaves the store as it is (read-only replicas, debugging). */
    @WithDefault("true")
    boolean enabled();
}
