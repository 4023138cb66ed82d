package io.decisionlog.graph.web;

import io.decisionlog.graph.api.Ingesters;
import io.decisionlog.kit.auth.Principals;
import io.decisionlog.kit.auth.Role;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Who is looking at a page: signed in or not, their strongest role, what they may see, how to act on their behalf. */
@RequestScoped
public class Viewer {
    private final SecurityIdentity identity;
    private final HttpServerRequest request;

    @Inject
    public Viewer(SecurityIdentity identity, CurrentVertxRequest current) {
        this.identity = identity;
        this.request = current.getCurrent().request();
    }

    /** @throws SignInRequired when nobody is signed in, to come back to this page afterwards */
    public void requireSignedIn() {
        if (identity.isAnonymous()) {
            throw new SignInRequired(request.uri());
        }
        if (!identity.hasRole(Role.READER_NAME)) {
            throw new NotAllowed("you are signed in as " + name() + ", who may not read decision-log (no reader role)");
        }
    }

    public String name() {
        return Principals.name(identity);
    }

    /** The person a sign-off is given by: the token's name, as the stewards' allowed signers name them. */
    public String person() {
        return Principals.person(identity);
    }

    /** True when the viewer may sign decisions off (a steward, or an admin, who may do all). */
    public boolean steward() {
        return identity.hasRole(Role.STEWARD_NAME);
    }

    /** @throws NotAllowed when the viewer is no steward */
    public void requireSteward() {
        if (!steward()) {
            throw new NotAllowed("you are signed in as " + name() + " (" + role() + "): only a steward signs decisions off");
        }
    }

    /** The strongest role: admin, operator, steward or reader. */
    public String role() {
        return Arrays.stream(Role.values()).filter(role -> identity.hasRole(role.wireName()))
                .max(Comparator.naturalOrder()).map(Role::wireName).orElse("none");
    }

    /** The repositories the viewer is scoped to, sorted; empty when they may see all. */
    public Set<String> scope() {
        return new TreeSet<>(Principals.repos(identity));
    }

    /**
     * The bearer credential the request came with (its {@code Authorization} header or the session cookie), to ask the
     * ingesters on the viewer's behalf: they check it themselves, so a page never shows more than the API would.
     */
    public Optional<String> credential() {
        Optional<String> bearer = Ingesters.bearer(request.getHeader("Authorization"));
        if (bearer.isPresent()) {
            return bearer;
        }
        Cookie cookie = request.getCookie(SessionCookie.NAME);
        return cookie == null || cookie.getValue().isBlank() ? Optional.empty() : Optional.of(cookie.getValue().trim());
    }

    /** True when the page was asked for over https (directly, or as a proxy in front says). */
    public boolean secure() {
        return "https".equals(request.scheme());
    }
}
