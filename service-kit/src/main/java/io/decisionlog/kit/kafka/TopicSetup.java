package io.decisionlog.kit.kafka;

import io.decisionlog.events.Topic;
import io.decisionlog.events.TopicAdmin;
import io.decisionlog.events.Topics;
import io.decisionlog.events.kafka.Retrying;
import io.decisionlog.kit.config.SharedConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Creates the service's {@link OwnTopics}, and the door's topics every service reads or writes (tokens, audit), at
 * start-up if they are missing (idempotent), retrying in the background until the broker answers, so a service
 * started before its broker comes up on its own.
 */
@ApplicationScoped
public class TopicSetup {
    private static final Logger LOG = Logger.getLogger(TopicSetup.class);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(2);

    private volatile Retrying retrying;

    void onStart(@Observes StartupEvent event, OwnTopics own, KafkaClients clients, SharedConfig shared) {
        List<Topic<?>> topics = new ArrayList<>(own.topics());
        List.of(Topics.TOKENS, Topics.AUDIT).stream().filter(topic -> !topics.contains(topic)).forEach(topics::add);
        retrying = Retrying.start("topic-setup", RETRY_PAUSE, () -> {
            try (Admin admin = clients.admin()) {
                Set<String> created = TopicAdmin.ensureTopics(admin, topics, shared.kafka().replicationFactor());
                LOG.infof(created.isEmpty() ? "all %d topics of this service exist" : "created topics %2$s",
                        topics.size(), created);
            }
        });
    }

    void onStop(@Observes ShutdownEvent event) {
        Retrying running = retrying;
        if (running != null) {
            running.stop();
        }
    }

    /** True once every topic of the service exists. */
    public boolean done() {
        Retrying running = retrying;
        return running != null && running.done();
    }
}
