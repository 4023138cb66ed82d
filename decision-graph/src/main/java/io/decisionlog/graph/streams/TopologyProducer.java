package io.decisionlog.graph.streams;

import io.decisionlog.graph.config.GraphConfig;
import io.decisionlog.graph.topology.DecisionGraphTopology;
import io.decisionlog.graph.topology.GraphSettings;
import io.decisionlog.kit.config.SharedConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.streams.Topology;


/** Hands the decision-graph topology (commits, runs, dispatches, minutes in; chains out) to Quarkus' Kafka Streams. */
@ApplicationScoped
public class TopologyProducer {

    @Produces
    Topology topology(GraphConfig config, SharedConfig shared) {
        return DecisionGraphTopology.build(new GraphSettings(shared.decisionId().pattern(), config.dispatchWindow(),
                config.stores()));
    }
}
