package io.decisionlog.graph.wiring;

import io.decisionlog.events.DecisionIds;
import io.decisionlog.events.TopicAccess;
import io.decisionlog.kit.config.SharedConfig;
import io.decisionlog.kit.kafka.OwnTopics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Beans of plain classes made from configuration; the topology has its own producer in streams/. */
@ApplicationScoped
public class GraphBeans {

    /** Every topic of the contract: Kafka Streams starts only once its input topics exist. */
    @Produces
    @Singleton
    OwnTopics topics() {
        return new OwnTopics(TopicAccess.DECISION_GRAPH.creates());
    }

    @Produces
    @Singleton
    DecisionIds decisionIds(SharedConfig shared) {
        return new DecisionIds(shared.decisionId().pattern());
    }
}
