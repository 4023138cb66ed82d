package io.decisionlog.ciaudit.api;

import io.decisionlog.ciaudit.auth.WebhookAuth;
import io.decisionlog.ciaudit.publish.LedgerFollower;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the run ledger has read the CI topics (before that a stale status could slip through), with each
 * endpoint's authentication in the details, so an unsigned setup is visible where operators look.
 */
@Readiness
@ApplicationScoped
public class IngesterReadiness implements HealthCheck {
    private final LedgerFollower follower;
    private final WebhookAuth auth;

    @Inject
    public IngesterReadiness(LedgerFollower follower, WebhookAuth auth) {
        this.follower = follower;
        this.auth = auth;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("CI ingestion")
                .status(follower.caughtUp())
                .withData("ledger", follower.caughtUp() ? "caught up with the CI topics" : "reading the CI topics");
        auth.describe().forEach(builder::withData);
        return builder.build();
    }
}
