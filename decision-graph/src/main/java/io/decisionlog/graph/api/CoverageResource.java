package io.decisionlog.graph.api;

import io.decisionlog.graph.store.StoreQueries;
import io.decisionlog.kit.auth.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Decision coverage: which share of the lines at the tip can say why they are there. */
@Path("/api/v1/coverage")
@RolesAllowed(Role.READER_NAME)
@Tag(name = "coverage")
@Produces(MediaType.APPLICATION_JSON)
public class CoverageResource {
    private final StoreQueries queries;
    private final Lines lines;

    @Inject
    public CoverageResource(StoreQueries queries, Lines lines) {
        this.queries = queries;
        this.lines = lines;
    }

    @GET
    @Operation(summary = "Lines, lines traced to at least one decision, and the percentage, per file and in total")
    @APIResponse(responseCode = "200", description = "Coverage")
    @APIResponse(responseCode = "404", description = "unknown repository")
    public CoverageView coverage(@Parameter(example = "acme/payments") @QueryParam("repo") String repo,
                                 @Parameter(description = "only paths starting with this", example = "config/")
                                 @QueryParam("path_prefix") String pathPrefix) {
        String r = Params.required("repo", repo);
        lines.requireRepo(r);
        String prefix = pathPrefix == null ? "" : pathPrefix;
        return CoverageView.of(r, prefix, queries.coverage(r, prefix));
    }
}
