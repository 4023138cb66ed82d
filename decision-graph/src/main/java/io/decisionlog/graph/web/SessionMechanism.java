package io.decisionlog.graph.web;

import io.decisionlog.events.TokenSecrets;
import io.decisionlog.kit.auth.ApiTokenRequest;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/**
 * Signs a page request in from the session cookie when it carries no {@code Authorization} header (a script's bearer
 * token goes through the API token mechanism as on any API). Only pages read the cookie: an API call must carry its
 * token, so a cookie a browser sends on its own never authorizes one.
 */
@ApplicationScoped
@Priority(1500)
public class SessionMechanism implements HttpAuthenticationMechanism {

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        if (context.request().getHeader("Authorization") != null || !PagePaths.isPage(context.normalizedPath())) {
            return Uni.createFrom().nullItem();
        }
        Cookie cookie = context.request().getCookie(SessionCookie.NAME);
        String credential = cookie == null ? "" : cookie.getValue().trim();
        if (!credential.startsWith(TokenSecrets.PREFIX)) {
            return Uni.createFrom().nullItem();
        }
        return identities.authenticate(new ApiTokenRequest(credential));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(302, "Location", "/sign-in"));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiTokenRequest.class);
    }

    @Override
    public int getPriority() {
        return 1500;
    }
}
