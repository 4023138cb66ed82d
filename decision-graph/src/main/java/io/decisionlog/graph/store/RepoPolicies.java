package io.decisionlog.graph.store;

import io.decisionlog.events.TrackedRepo;
import io.decisionlog.events.Topics;
import io.decisionlog.events.kafka.LatestByKey;
import io.decisionlog.events.kafka.StateFollower;
import io.decisionlog.kit.kafka.KafkaClients;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Map;

/**
 * What the repositories' registrations ask of their chains, kept current from {@code decisionlog.git.repos.v1}: for
 * now, whether a decision needs a steward's sign-off there.
 */
@ApplicationScoped
public class RepoPolicies {
    private final LatestByKey<TrackedRepo> registrations = new LatestByKey<>(Topics.REPOS);
    private final StateFollower follower;

    @Inject
    public RepoPolicies(KafkaClients clients) {
        this.follower = new StateFollower("repo-policy-follower", () -> clients.stateReader("repo-policies", Map.of()),
                List.of(Topics.REPOS.name()), registrations, () -> { });
    }

    void start(@Observes StartupEvent event) {
        follower.start();
    }

    void stop(@Observes ShutdownEvent event) {
        follower.stop();
    }

    public boolean requiresSignoff(String repo) {
        TrackedRepo registration = registrations.values().get(repo);
        return registration != null && registration.requireSignoff();
    }
}
