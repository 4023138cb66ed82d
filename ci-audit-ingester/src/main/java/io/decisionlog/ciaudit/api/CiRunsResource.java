package io.decisionlog.ciaudit.api;

import io.decisionlog.ciaudit.auth.WebhookAuth;
import io.decisionlog.ciaudit.ingest.GenericRuns;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;

/** Runs from any other CI or a script: the normalized run JSON, or a CDEvents pipelinerun event. */
@Path("/api/v1/ci-runs")
@Tag(name = "ci-runs")
public class CiRunsResource {
    private final WebhookAuth auth;
    private final GenericRuns generic;
    private final Deliveries deliveries;
    private final Clock clock;

    @Inject
    public CiRunsResource(WebhookAuth auth, GenericRuns generic, Deliveries deliveries, Clock clock) {
        this.auth = auth;
        this.generic = generic;
        this.deliveries = deliveries;
        this.clock = clock;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record a CI run",
            description = "Body: {provider, repo, run_id, attempt, head_sha, status, conclusion, decision_ids, reason, "
                    + "…} (see decisionlog.ci.runs.v1), or a CDEvents dev.cdevents.pipelinerun.* event with repo, sha "
                    + "and decision_id in customData (structured, or binary with ce-* headers).")
    public Response record(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                           @HeaderParam("ce-type") String ceType,
                           @HeaderParam("ce-id") String ceId,
                           byte[] body) {
        auth.api(authorization);
        return deliveries.answer(generic.normalize(ceType, ceId, body, clock.instant()));
    }
}
