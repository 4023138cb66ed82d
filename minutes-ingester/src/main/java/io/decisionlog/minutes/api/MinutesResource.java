package io.decisionlog.minutes.api;

import io.decisionlog.events.DecisionMinutes;
import io.decisionlog.events.MinutesError;
import io.decisionlog.events.WireFormat;
import io.decisionlog.kit.auth.Role;
import io.decisionlog.minutes.parse.MinutesParser;
import io.decisionlog.minutes.parse.ParsedDecision;
import io.decisionlog.minutes.parse.ParsedMinutes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** {@code POST /api/v1/minutes/validate}: one minutes file in, 200 with its decisions or 422 with every error. */
@Path("/api/v1/minutes")
@Tag(name = "minutes")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.READER_NAME)
public class MinutesResource {
    private final MinutesParser parser;

    @Inject
    public MinutesResource(MinutesParser parser) {
        this.parser = parser;
    }

    @WireFormat
    public record Validation(boolean valid, List<DecisionMinutes> decisions, List<MinutesError> errors,
                             List<MinutesError> warnings) {
    }

    /** The body is the file as it is (any content type): bytes, so that invalid UTF-8 is reported, not replaced. */
    @POST
    @Path("validate")
    @Consumes(MediaType.WILDCARD)
    public Response validate(byte[] body, @QueryParam("path") String path) {
        ParsedMinutes parsed = parser.parse(body == null ? new byte[0] : body, null, path);
        Validation validation = new Validation(parsed.valid(),
                parsed.valid() ? parsed.decisions().stream().map(ParsedDecision::minutes).toList() : List.of(),
                parsed.errors(), parsed.warnings());
        return Response.status(parsed.valid() ? 200 : 422).type(MediaType.APPLICATION_JSON).entity(validation).build();
    }
}
