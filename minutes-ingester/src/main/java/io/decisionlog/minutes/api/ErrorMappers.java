package io.decisionlog.minutes.api;

import io.decisionlog.minutes.publish.KafkaUnavailable;
import io.decisionlog.events.webhook.Unauthorized;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every refusal as JSON that says what was wrong: 400 what, 401 who, 404 which, 503 try again. */
public class ErrorMappers {
    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    public record ErrorBody(String error, String message) {
    }

    @ServerExceptionMapper
    public Response badRequest(IllegalArgumentException e) {
        return json(Response.Status.BAD_REQUEST, new ErrorBody("bad_request", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response unauthorized(Unauthorized e) {
        LOG.warnf("refused a push delivery: %s", e.getMessage());
        return json(Response.Status.UNAUTHORIZED, new ErrorBody("unauthorized", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return json(Response.Status.NOT_FOUND, new ErrorBody("not_found", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response kafkaUnavailable(KafkaUnavailable e) {
        LOG.warnf("answering 503: %s", e.getMessage());
        return Response.status(Response.Status.SERVICE_UNAVAILABLE).header("Retry-After", "10")
                .type(MediaType.APPLICATION_JSON)
                .entity(new ErrorBody("unavailable", e.getMessage() + "; not acknowledged, retry later")).build();
    }

    private static Response json(Response.Status status, ErrorBody body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}
