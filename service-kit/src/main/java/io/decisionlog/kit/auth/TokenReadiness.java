package io.decisionlog.kit.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the API tokens are read: before that, a valid token would be refused. */
@Readiness
@ApplicationScoped
public class TokenReadiness implements HealthCheck {
    private final TokenSet tokens;

    @Inject
    public TokenReadiness(TokenSet tokens) {
        this.tokens = tokens;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("api tokens").status(tokens.caughtUp())
                .withData("tokens", tokens.all().size()).build();
    }
}
