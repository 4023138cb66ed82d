package io.decisionlog.kit.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.decisionlog.events.errors.KafkaUnavailable;
import io.decisionlog.events.errors.Refusal;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.stream.Collectors;

/**
 * Every refusal of every service as JSON that says what was wrong ({@link ErrorBody}): 400 what, 401 who, 403 not you,
 * 404 which, 409 already there, 422 over a limit, 503 try again.
 */
public class RefusalMappers {
    private static final Logger LOG = Logger.getLogger(RefusalMappers.class);
    /** Seconds a sender should wait before retrying while Kafka is unavailable. */
    static final String RETRY_AFTER = "10";

    @ServerExceptionMapper
    public Response refusal(Refusal e) {
        if (e.status() == 401) {
            LOG.warnf("refused a request: %s", e.getMessage());
        } else {
            LOG.debugf("refused a request (%d): %s", e.status(), e.getMessage());
        }
        Response answer = json(e.status(), new ErrorBody(e.error(), e.field(), e.getMessage()));
        if (e.status() == 503) {
            answer.getHeaders().putSingle("Retry-After", RETRY_AFTER);
        }
        return answer;
    }

    /** A request body with a field the endpoint does not know: a misspelt {@code exclude} must not be ignored. */
    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e) {
        String known = e.getKnownPropertyIds() == null ? "" : " (known: " + e.getKnownPropertyIds().stream()
                .map(String::valueOf).sorted().collect(Collectors.joining(", ")) + ")";
        return json(400, new ErrorBody("bad_request", e.getPropertyName(),
                "unknown field '" + e.getPropertyName() + "'" + known));
    }

    /** A request body that is not the JSON the endpoint reads. */
    @ServerExceptionMapper
    public Response unreadableBody(JsonProcessingException e) {
        String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr();
        return json(400, new ErrorBody("bad_request", "body", "the body is not the JSON this endpoint reads" + where
                + ": " + e.getOriginalMessage()));
    }

    /** A path no resource serves. */
    @ServerExceptionMapper
    public Response unknownPath(NotFoundException e) {
        return json(404, new ErrorBody("not_found", null, e.getMessage()));
    }

    @ServerExceptionMapper
    public Response kafkaUnavailable(KafkaUnavailable e) {
        LOG.warnf("answering 503: %s", e.getMessage());
        return Response.status(Response.Status.SERVICE_UNAVAILABLE).header("Retry-After", RETRY_AFTER)
                .type(MediaType.APPLICATION_JSON)
                .entity(new ErrorBody("unavailable", null, e.getMessage() + "; not acknowledged: retry (a retry of a record that did land changes nothing)")).build();
    }

    private static Response json(int status, ErrorBody body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}
