package io.decisionlog.minutes.api;

import io.decisionlog.events.webhook.PushSignature;
import io.decisionlog.minutes.sync.SourceRegistry;
import io.decisionlog.minutes.wiring.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the state topics are read (before that a sync could publish again what is already published), with
 * the sources that failed their last sync and whether the push webhook is authenticated, in the details.
 */
@Readiness
@ApplicationScoped
public class IngesterReadiness implements HealthCheck {
    private final Startup startup;
    private final SourceRegistry registry;
    private final PushSignature signature;

    @Inject
    public IngesterReadiness(Startup startup, SourceRegistry registry, PushSignature signature) {
        this.startup = startup;
        this.registry = registry;
        this.signature = signature;
    }

    @Override
    public HealthCheckResponse call() {
        long failing = registry.all().stream().filter(s -> s.lastError() != null).count();
        return HealthCheckResponse.named("minutes ingestion")
                .status(startup.ready())
                .withData("state", startup.status())
                .withData("sources", registry.all().size())
                .withData("sources failing their last sync", failing)
                .withData("/webhooks/push", signature.describe())
                .build();
    }
}
