package io.decisionlog.ciaudit.api;

import io.decisionlog.ciaudit.ingest.GenericRuns;
import io.decisionlog.ciaudit.ingest.Normalized;
import io.decisionlog.events.errors.Forbidden;
import io.decisionlog.kit.auth.RepoAccess;
import io.decisionlog.kit.auth.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;

/**
 * Runs from any other CI or a script: the normalized run JSON, or a CDEvents pipelinerun event. The caller is an
 * operator's token; one scoped to repositories records runs of those only.
 */
@Path("/api/v1/ci-runs")
@Tag(name = "ci-runs")
@RolesAllowed(Role.OPERATOR_NAME)
public class CiRunsResource {
    private final GenericRuns generic;
    private final Deliveries deliveries;
    private final RepoAccess access;
    private final Clock clock;

    @Inject
    public CiRunsResource(GenericRuns generic, Deliveries deliveries, RepoAccess access, Clock clock) {
        this.generic = generic;
        this.deliveries = deliveries;
        this.access = access;
        this.clock = clock;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record a CI run",
            description = "Body: {provider, repo, run_id, attempt, head_sha, status, conclusion, decision_ids, reason, "
                    + "…} (see decisionlog.ci.runs.v1), or a CDEvents dev.cdevents.pipelinerun.* event with repo, sha "
                    + "and decision_id in customData (structured, or binary with ce-* headers). Needs an operator's "
                    + "token (Authorization: Bearer).")
    public Response record(@HeaderParam("ce-type") String ceType,
                           @HeaderParam("ce-id") String ceId,
                           byte[] body) {
        Normalized normalized = generic.normalize(ceType, ceId, body, clock.instant());
        if (normalized instanceof Normalized.Run run && !access.maySee(run.run().repo())) {
            throw new Forbidden("this token is scoped to " + access.scope() + "; it cannot record runs of "
                    + run.run().repo());
        }
        return deliveries.answer(normalized);
    }
}
