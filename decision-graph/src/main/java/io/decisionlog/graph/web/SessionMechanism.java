package io.decisionlog.graph.web;

import io.decisionlog.events.TokenSecrets;
import io.decisionlog.graph.config.WebConfig;
import io.decisionlog.kit.auth.ApiTokenRequest;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Set;

/**
 * Signs a page request in from the session cookie when it carries no {@code Authorization} header (a script's bearer
 * token goes through the API token mechanism as on any API). The cookie holds an API token, or after single sign-on the
 * provider's access token. Only pages read the cookie: an API call must carry its
 * token, so a cookie a browser sends on its own never authorizes one.
 */
@ApplicationScoped
@Priority(1500)
public class SessionMechanism implements HttpAuthenticationMechanism {
    private final boolean sso;

    @Inject
    public SessionMechanism(WebConfig config) {
        this.sso = config.sso();
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        if (context.request().getHeader("Authorization") != null || !PagePaths.isPage(context.normalizedPath())) {
            return Uni.createFrom().nullItem();
        }
        Cookie cookie = context.request().getCookie(SessionCookie.NAME);
        String credential = cookie == null ? "" : cookie.getValue().trim();
        if (credential.startsWith(TokenSecrets.PREFIX)) {
            return identities.authenticate(new ApiTokenRequest(credential));
        }
        if (sso && !credential.isEmpty()) {
            // signed in through the identity provider: its access token, checked as OIDC checks a bearer token
            TokenAuthenticationRequest request = new TokenAuthenticationRequest(new AccessTokenCredential(credential));
            HttpSecurityUtils.setRoutingContextAttribute(request, context);
            return identities.authenticate(request);
        }
        return Uni.createFrom().nullItem();
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(302, "Location", "/sign-in"));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiTokenRequest.class, TokenAuthenticationRequest.class);
    }

    @Override
    public int getPriority() {
        return 1500;
    }
}
