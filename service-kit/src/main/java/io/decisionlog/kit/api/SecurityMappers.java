package io.decisionlog.kit.api;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The door's refusals as JSON, like every other refusal: 401 with the challenge and the reason, 403 with the rule. */
public class SecurityMappers {
    private static final Logger LOG = Logger.getLogger(SecurityMappers.class);
    private static final String CHALLENGE = "Bearer realm=\"decision-log\"";

    @ServerExceptionMapper
    public Response unauthenticated(AuthenticationFailedException e) {
        String reason = e.getMessage() == null ? "the token is not valid" : e.getMessage();
        LOG.debugf("refused a request: %s", reason);
        return unauthorized(reason);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return unauthorized("a token is required: send Authorization: Bearer <token>");
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Response.status(403).type(MediaType.APPLICATION_JSON)
                .entity(new ErrorBody("forbidden", null, "this token's role may not do this")).build();
    }

    private static Response unauthorized(String reason) {
        return Response.status(401).header("WWW-Authenticate", CHALLENGE).type(MediaType.APPLICATION_JSON)
                .entity(new ErrorBody("unauthorized", null, reason)).build();
    }
}
