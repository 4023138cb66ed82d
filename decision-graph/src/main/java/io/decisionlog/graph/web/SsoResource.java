package io.decisionlog.graph.web;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;

import java.net.URI;

/**
 * The end of single sign-on: the OIDC code flow (tenant {@code web}, required on this path by an HTTP permission) has
 * signed the person in; their access token becomes the UI's session cookie, checked on every page like a bearer token,
 * and the provider's own session cookie is dropped, so there is one session to reason about and revoking at the
 * provider ends it when the token expires.
 */
@Path("/sign-in/sso")
@PermitAll
public class SsoResource {
    private static final Logger LOG = Logger.getLogger(SsoResource.class);
    /** The code flow's session cookie of the {@code web} tenant. */
    static final String PROVIDER_SESSION = "q_session_web";

    private final SecurityIdentity identity;
    private final Viewer viewer;

    @Inject
    public SsoResource(SecurityIdentity identity, Viewer viewer) {
        this.identity = identity;
        this.viewer = viewer;
    }

    @GET
    @Operation(hidden = true)
    public Response signedIn(@QueryParam("next") String next) {
        AccessTokenCredential token = identity.getCredential(AccessTokenCredential.class);
        if (identity.isAnonymous() || token == null) {
            return Response.seeOther(URI.create("/sign-in")).build();
        }
        LOG.infof("web sign-in through the identity provider: %s", identity.getPrincipal().getName());
        NewCookie dropProviderSession = new NewCookie.Builder(PROVIDER_SESSION).value("").path("/").maxAge(0)
                .httpOnly(true).secure(viewer.secure()).build();
        return Response.seeOther(URI.create(PagePaths.localOrHome(next)))
                .cookie(SessionCookie.of(token.getToken(), viewer.secure()), dropProviderSession).build();
    }
}
