package io.decisionlog.kit.auth;

import io.decisionlog.events.TokenSecrets;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/**
 * Reads {@code Authorization: Bearer dl_…} and hands the secret to {@link ApiTokenIdentityProvider}. Bearer values
 * of another form are left to the next mechanism (OIDC, when it is on), so both kinds of token work side by side.
 */
@ApplicationScoped
@Priority(2000)
public class ApiTokenMechanism implements HttpAuthenticationMechanism {
    static final String CHALLENGE = "Bearer realm=\"decision-log\"";
    private static final String BEARER = "Bearer ";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String header = context.request().getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Uni.createFrom().nullItem();
        }
        String secret = header.substring(BEARER.length()).trim();
        if (!secret.startsWith(TokenSecrets.PREFIX)) {
            return Uni.createFrom().nullItem();
        }
        return identities.authenticate(new ApiTokenRequest(secret));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", CHALLENGE));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiTokenRequest.class);
    }

    @Override
    public int getPriority() {
        return 2000;
    }
}
