package io.decisionlog.blame.api;

import io.decisionlog.blame.sync.RepoTrackerStartup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the tracked repositories were restored from Kafka: before that a sync would re-publish everything. */
@Readiness
@ApplicationScoped
public class BlameReadiness implements HealthCheck {
    private final RepoTrackerStartup startup;

    @Inject
    public BlameReadiness(RepoTrackerStartup startup) {
        this.startup = startup;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("tracked repositories").status(startup.restored())
                .withData("repositories", startup.tracker().statuses().size()).build();
    }
}
