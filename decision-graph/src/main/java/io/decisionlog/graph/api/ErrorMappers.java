package io.decisionlog.graph.api;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every refusal as JSON that says what was wrong: {@code {"error": "...", "message": "..."}}. */
public class ErrorMappers {

    public record ErrorBody(String error, String message) {
    }

    @ServerExceptionMapper
    public Response problem(ApiProblem e) {
        return json(e.status(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return json(Response.Status.NOT_FOUND, e.getMessage());
    }

    private static Response json(Response.Status status, String message) {
        String error = status.getReasonPhrase().toLowerCase().replace(' ', '_');
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ErrorBody(error, message)).build();
    }
}
