package io.decisionlog.graph.web;

import io.decisionlog.events.TokenSecrets;
import io.decisionlog.events.errors.BadRequest;
import io.decisionlog.graph.config.WebConfig;
import io.decisionlog.kit.auth.ApiTokenRequest;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.URI;

/**
 * Signing in to the web UI with an API token (the OIDC code flow, when it is configured, signs in through the
 * provider instead). The token is checked exactly as a bearer token is, then kept in the session cookie. The forms
 * carry a CSRF token ({@link CsrfTokens}): another site cannot sign a browser in or out.
 */
@Path("/")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class SignInResource {
    private static final Logger LOG = Logger.getLogger(SignInResource.class);
    /** API tokens are 46 characters; anything much longer is not one, and is not looked at. */
    private static final int MAX_TOKEN = 200;

    private final IdentityProviderManager identities;
    private final Viewer viewer;
    private final CsrfTokens csrf;
    private final boolean sso;

    @Inject
    public SignInResource(IdentityProviderManager identities, Viewer viewer, CsrfTokens csrf, WebConfig config) {
        this.identities = identities;
        this.viewer = viewer;
        this.csrf = csrf;
        this.sso = config.sso();
    }

    @GET
    @Path("sign-in")
    @Operation(hidden = true)
    public TemplateInstance form(@QueryParam("next") String next, @QueryParam("expired") boolean expired) {
        String target = PagePaths.localOrHome(next);
        return Pages.signIn(target, expired ? "Your session ended (its token expired or was revoked): sign in again."
                : null, ssoHref(target));
    }

    @POST
    @Path("sign-in")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response signIn(@FormParam("token") String token, @FormParam("next") String next,
                           @FormParam(CsrfTokens.FIELD) String csrfToken) {
        String target = PagePaths.localOrHome(next);
        csrf.verify(csrfToken);
        String secret = token == null ? "" : token.trim();
        if (secret.isEmpty() || secret.length() > MAX_TOKEN || !secret.startsWith(TokenSecrets.PREFIX)) {
            return refused(target, "That is not a decision-log API token: they start with dl_ (./decisionlog token "
                    + "create makes one).");
        }
        try {
            SecurityIdentity identity = identities.authenticateBlocking(new ApiTokenRequest(secret));
            LOG.infof("web sign-in: %s", identity.getPrincipal().getName());
            return Response.seeOther(URI.create(target)).cookie(SessionCookie.of(secret, viewer.secure())).build();
        } catch (AuthenticationFailedException e) {
            return refused(target, "That token is not valid: unknown, revoked or expired.");
        }
    }

    @POST
    @Path("sign-out")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response signOut(@FormParam(CsrfTokens.FIELD) String csrfToken) {
        csrf.verify(csrfToken);
        return Response.seeOther(URI.create("/sign-in")).cookie(SessionCookie.cleared(viewer.secure())).build();
    }

    /** A stale or foreign form: the sign-in page again, saying why, with a fresh token. */
    @ServerExceptionMapper
    public Response staleForm(BadRequest e) {
        return Response.status(400).type(MediaType.TEXT_HTML_TYPE)
                .entity(Pages.signIn("/repos", e.getMessage(), ssoHref("/repos"))).build();
    }

    private Response refused(String next, String problem) {
        return Response.status(401).type(MediaType.TEXT_HTML_TYPE).entity(Pages.signIn(next, problem, ssoHref(next)))
                .build();
    }

    /** The single sign-on link, when it is configured; the page's script adds a shared link's #L to it. */
    private String ssoHref(String next) {
        return sso ? "/sign-in/sso?next=" + Hrefs.encode(next) : null;
    }
}
