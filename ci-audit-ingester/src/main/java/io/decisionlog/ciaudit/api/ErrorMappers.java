package io.decisionlog.ciaudit.api;

import io.decisionlog.events.webhook.Unauthorized;
import io.decisionlog.ciaudit.ingest.BadDelivery;
import io.decisionlog.ciaudit.publish.KafkaUnavailable;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every refusal as JSON that says what was wrong: 401 who, 400 which field, 503 try again. */
public class ErrorMappers {
    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);
    /** Seconds a sender should wait before retrying when Kafka is unavailable. */
    private static final String RETRY_AFTER = "10";

    public record ErrorBody(String error, String field, String message) {
    }

    @ServerExceptionMapper
    public Response unauthorized(Unauthorized e) {
        LOG.warnf("refused a delivery: %s", e.getMessage());
        return json(Response.Status.UNAUTHORIZED, new ErrorBody("unauthorized", null, e.getMessage()));
    }

    @ServerExceptionMapper
    public Response badDelivery(BadDelivery e) {
        LOG.infof("bad delivery: %s", e.getMessage());
        return json(Response.Status.BAD_REQUEST, new ErrorBody("bad_request", e.field(), e.getMessage()));
    }

    @ServerExceptionMapper
    public Response kafkaUnavailable(KafkaUnavailable e) {
        LOG.warnf("answering 503: %s", e.getMessage());
        return Response.status(Response.Status.SERVICE_UNAVAILABLE).header("Retry-After", RETRY_AFTER)
                .type(MediaType.APPLICATION_JSON)
                .entity(new ErrorBody("unavailable", null, e.getMessage() + "; not acknowledged: retry (a retry of a delivery that did land is answered 200 unchanged, never recorded twice)"))
                .build();
    }

    private static Response json(Response.Status status, ErrorBody body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}
