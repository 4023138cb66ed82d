package io.decisionlog.graph.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What {@code /q/metrics} shows ({@code decisionlog.metrics.*}). */
@ConfigMapping(prefix = "decisionlog.metrics")
public interface MetricsConfig {

    /**
     * Kafka Streams' per-store RocksDB metrics ({@code kafka_stream_state_*}: ~11,000 series, most of a scrape's CPU).
     * Off by default.
     */
    @WithDefault("false")
    boolean kafkaStreamsState();
}
