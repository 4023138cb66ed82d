package io.decisionlog.graph.api;

import io.decisionlog.graph.projection.ProjectionStatus;
import io.decisionlog.graph.projection.StoreProjection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready while the store projection runs; its lag and last error are shown, not judged (a replay lags by design). */
@Readiness
@ApplicationScoped
public class StoreHealth implements HealthCheck {
    private final StoreProjection projection;

    @Inject
    public StoreHealth(StoreProjection projection) {
        this.projection = projection;
    }

    @Override
    public HealthCheckResponse call() {
        ProjectionStatus status = projection.status();
        var response = HealthCheckResponse.named("store projection").status(projection.alive())
                .withData("generation", status.generation())
                .withData("lag", status.lag())
                .withData("caught_up", status.caughtUp());
        if (status.lastError() != null) {
            response.withData("last_error", status.lastError());
        }
        return response.build();
    }
}
