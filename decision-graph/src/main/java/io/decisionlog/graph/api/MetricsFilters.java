package io.decisionlog.graph.api;

import io.decisionlog.graph.config.MetricsConfig;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;


/**
 * What {@code /q/metrics} leaves out. Kafka Streams reports RocksDB metrics per state store instance: the topology's
 * 138 instances give ~11,000 {@code kafka_stream_state_*} series of a 14,500-series, 2.9 MB scrape that costs
 * 140-440 ms of CPU, a burst in the trace latency at every Prometheus scrape (the root BENCHMARKS.md, issue #7). Out
 * by default; {@code decisionlog.metrics.kafka-streams-state=true} brings them back.
 */
public class MetricsFilters {

    @Produces
    @Singleton
    MeterFilter kafkaStreamsState(MetricsConfig config) {
        return config.kafkaStreamsState() ? new MeterFilter() { } : MeterFilter.denyNameStartsWith("kafka.stream.state.");
    }
}
