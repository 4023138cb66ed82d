package io.decisionlog.minutes.publish;

import io.decisionlog.events.TopicAdmin;
import io.decisionlog.events.Topics;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.List;

/** Creates the topics this service writes, and its own state topics, if missing, at start-up (idempotent). */
@ApplicationScoped
class TopicSetup {
    private static final Logger LOG = Logger.getLogger(TopicSetup.class);

    void onStart(@Observes StartupEvent event,
                 @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                 @ConfigProperty(name = "decisionlog.kafka.replication-factor") short replicationFactor) {
        LOG.info(TopicAdmin.ensureTopics(bootstrapServers,
                List.of(Topics.MINUTES, Topics.MINUTES_REJECTED, Topics.MINUTES_SOURCES, Topics.MINUTES_FILES), replicationFactor));
    }
}
