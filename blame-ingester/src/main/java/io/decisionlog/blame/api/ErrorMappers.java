package io.decisionlog.blame.api;

import io.decisionlog.events.webhook.Unauthorized;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Refusals as JSON that say what was wrong. */
public class ErrorMappers {

    public record ErrorBody(String error, String message) {
    }

    @ServerExceptionMapper
    public Response badRequest(BadRequest e) {
        return json(Response.Status.BAD_REQUEST, "bad_request", e.getMessage());
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return json(Response.Status.NOT_FOUND, "not_found", e.getMessage());
    }

    @ServerExceptionMapper
    public Response unauthorized(Unauthorized e) {
        return json(Response.Status.UNAUTHORIZED, "unauthorized", e.getMessage());
    }

    private static Response json(Response.Status status, String error, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ErrorBody(error, message)).build();
    }
}
