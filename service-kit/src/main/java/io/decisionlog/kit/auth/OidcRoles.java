package io.decisionlog.kit.auth;

import io.decisionlog.kit.config.SharedConfig;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Gives an OIDC principal what an API token's principal has: the roles its role claim names, with the roles they
 * include, and the repositories its repos claim lists (none: all). Role names that decision-log does not know stay as
 * they are and grant nothing here.
 */
@ApplicationScoped
public class OidcRoles implements SecurityIdentityAugmentor {
    private final String reposClaim;

    @Inject
    public OidcRoles(SharedConfig config) {
        this.reposClaim = config.oidc().reposClaim();
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (!(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        Set<String> roles = new HashSet<>();
        for (String name : identity.getRoles()) {
            for (Role role : Role.values()) {
                if (role.wireName().equals(name)) {
                    roles.addAll(role.grantedNames());
                }
            }
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder(identity).addRoles(roles)
                .addAttribute(Principals.REPOS, repos(token.getClaim(reposClaim))).build());
    }

    private static Set<String> repos(Object claim) {
        Set<String> repos = new HashSet<>();
        if (claim instanceof Collection<?> values) {
            values.forEach(value -> repos.add(String.valueOf(value).replace("\"", "")));
        } else if (claim instanceof jakarta.json.JsonArray array) {
            array.forEach(value -> repos.add(value.toString().replace("\"", "")));
        } else if (claim != null) {
            repos.add(claim.toString().replace("\"", ""));
        }
        return Set.copyOf(repos);
    }
}
