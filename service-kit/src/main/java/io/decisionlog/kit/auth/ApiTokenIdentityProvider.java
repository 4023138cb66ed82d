package io.decisionlog.kit.auth;

import io.decisionlog.events.ApiToken;
import io.decisionlog.events.TokenSecrets;
import io.decisionlog.kit.config.SharedConfig;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/**
 * Turns an API token's secret into who it stands for: the bootstrap admin token ({@code DECISIONLOG_ADMIN_TOKEN}), or
 * a minted token that is known, not revoked and not expired. A refusal says which of these failed, never more.
 */
@ApplicationScoped
public class ApiTokenIdentityProvider implements IdentityProvider<ApiTokenRequest> {
    private final TokenSet tokens;
    private final Optional<String> adminTokenHash;
    private final Clock clock = Clock.systemUTC();

    @Inject
    public ApiTokenIdentityProvider(TokenSet tokens, SharedConfig config) {
        this.tokens = tokens;
        this.adminTokenHash = config.adminToken().filter(t -> !t.isBlank()).map(String::trim).map(TokenSecrets::sha256);
    }

    @Override
    public Class<ApiTokenRequest> getRequestType() {
        return ApiTokenRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiTokenRequest request, AuthenticationRequestContext context) {
        return Uni.createFrom().item(() -> identityOf(TokenSecrets.sha256(request.secret())));
    }

    private SecurityIdentity identityOf(String secretHash) {
        if (adminTokenHash.filter(secretHash::equals).isPresent()) {
            return identity("admin (DECISIONLOG_ADMIN_TOKEN)", "admin", Role.ADMIN, Set.of());
        }
        ApiToken token = tokens.bySecretHash(secretHash)
                .orElseThrow(() -> new AuthenticationFailedException("unknown or revoked token"));
        if (token.expiredAt(clock.instant())) {
            throw new AuthenticationFailedException("token " + token.id() + " expired at " + token.expiresAt());
        }
        return identity(token.name() + " (" + token.id() + ")", token.name(), Role.parse(token.role()),
                Set.copyOf(token.repos()));
    }

    private static SecurityIdentity identity(String name, String person, Role role, Set<String> repos) {
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(name)).addRoles(role.grantedNames())
                .addAttribute(Principals.REPOS, repos).addAttribute(Principals.PERSON, person).build();
    }
}
