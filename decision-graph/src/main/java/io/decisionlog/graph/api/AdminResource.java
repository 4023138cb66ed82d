package io.decisionlog.graph.api;

import io.decisionlog.graph.projection.ProjectionStatus;
import io.decisionlog.graph.projection.StoreProjection;
import io.decisionlog.kit.audit.AuditLog;
import io.decisionlog.kit.auth.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Map;

/** Operating the store: where its projection stands, and rebuilding it from the topics. Admins only. */
@Path("/api/v1/admin")
@Tag(name = "admin")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.ADMIN_NAME)
public class AdminResource {
    private final StoreProjection projection;
    private final AuditLog audit;

    @Inject
    public AdminResource(StoreProjection projection, AuditLog audit) {
        this.projection = projection;
        this.audit = audit;
    }

    @GET
    @Path("projection")
    @Operation(summary = "This instance's projection: generation, partitions followed, lag, records applied and skipped")
    public ProjectionStatus projection() {
        return projection.status();
    }

    @POST
    @Path("rebuild")
    @Operation(summary = "Empty the store and replay every projected topic from the beginning",
            description = "Answers 202 at once; the store fills again as the topics replay (GET projection shows the lag). "
                    + "Queries answer from what has been replayed so far.")
    public Response rebuild() throws Exception {
        return audit.around("store.rebuild", "decision-graph store", () -> {
            long generation = projection.rebuild();
            return Response.accepted(Map.of("generation", generation,
                    "message", "store emptied; replaying the topics (GET /api/v1/admin/projection shows progress)"))
                    .build();
        });
    }
}
