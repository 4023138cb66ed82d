package io.decisionlog.graph.streams;

import io.decisionlog.graph.topology.DecisionGraphTopology;
import io.decisionlog.graph.topology.GraphSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.streams.Topology;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Hands the decision-graph topology (commits, runs, dispatches, minutes in; chains out) to Quarkus' Kafka Streams. */
@ApplicationScoped
public class TopologyProducer {

    @Produces
    Topology topology(GraphConfig config, @ConfigProperty(name = "decisionlog.decision-id.pattern") String pattern) {
        return DecisionGraphTopology.build(new GraphSettings(pattern, config.dispatchWindow(), config.stores()));
    }
}
