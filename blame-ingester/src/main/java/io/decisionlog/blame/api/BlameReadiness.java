package io.decisionlog.blame.api;

import io.decisionlog.blame.sync.RepoTrackerStartup;
import io.decisionlog.events.kafka.GroupLease;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready on the one instance that holds the lease, once it restored the tracked repositories from Kafka (before that a
 * sync would re-publish everything). A standby is not ready, so a Service routes pushes and API calls to the active
 * instance only; it stays live.
 */
@Readiness
@ApplicationScoped
public class BlameReadiness implements HealthCheck {
    private final RepoTrackerStartup startup;
    private final GroupLease lease;

    @Inject
    public BlameReadiness(RepoTrackerStartup startup, GroupLease lease) {
        this.startup = startup;
        this.lease = lease;
    }

    @Override
    public HealthCheckResponse call() {
        if (!lease.held()) {
            return HealthCheckResponse.named("tracked repositories").down().withData("role", "standby")
                    .withData("lease", "another instance holds the lease (consumer group " + lease.group()
                            + "), or Kafka has not answered yet").build();
        }
        return HealthCheckResponse.named("tracked repositories").status(startup.restored()).withData("role", "active")
                .withData("repositories", startup.tracker().statuses().size()).build();
    }
}
