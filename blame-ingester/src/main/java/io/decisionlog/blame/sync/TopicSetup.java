package io.decisionlog.blame.sync;

import io.decisionlog.events.TopicAdmin;
import io.decisionlog.events.Topics;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.List;

/** Creates the topics this service writes, if missing, at start-up (idempotent). */
@ApplicationScoped
class TopicSetup {
    private static final Logger LOG = Logger.getLogger(TopicSetup.class);

    void onStart(@Observes StartupEvent event,
                 @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                 @ConfigProperty(name = "decisionlog.kafka.replication-factor") short replicationFactor) {
        LOG.info(TopicAdmin.ensureTopics(bootstrapServers, List.of(Topics.COMMITS, Topics.BLAME, Topics.REPOS), replicationFactor));
    }
}
