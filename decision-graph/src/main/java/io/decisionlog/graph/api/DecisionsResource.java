package io.decisionlog.graph.api;

import io.decisionlog.events.errors.BadRequest;
import io.decisionlog.graph.config.ApiConfig;
import io.decisionlog.graph.store.DecisionSearch;
import io.decisionlog.kit.auth.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Decisions: one with everything it touched, and search. */
@Path("/api/v1/decisions")
@RolesAllowed(Role.READER_NAME)
@Tag(name = "decisions")
@Produces(MediaType.APPLICATION_JSON)
public class DecisionsResource {
    private final Decisions decisions;
    private final int maxLimit;

    @Inject
    public DecisionsResource(Decisions decisions, ApiConfig config) {
        this.decisions = decisions;
        this.maxLimit = config.maxLimit();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A decision: its minutes, the commits it is on with their CI runs, the lines it still owns")
    @APIResponse(responseCode = "200", description = "The decision")
    @APIResponse(responseCode = "400", description = "not a decision id")
    @APIResponse(responseCode = "404", description = "neither minutes nor any commit know the decision")
    public DecisionView decision(@Parameter(example = "D-2024-087") @PathParam("id") String id) {
        return decisions.decision(id);
    }

    @GET
    @Path("{id}/history")
    @Operation(summary = "A decision's revisions: each version of its minutes (status, title, rationale...) with the "
            + "minutes commit that made it, oldest first",
            description = "Kept by decision-graph as the minutes change (the minutes topic keeps only the latest); "
                    + "a decision known before the history existed starts at the version seen then.")
    @APIResponse(responseCode = "200", description = "The revisions")
    @APIResponse(responseCode = "400", description = "not a decision id")
    @APIResponse(responseCode = "404", description = "neither minutes nor any commit the caller may see know the decision")
    public DecisionHistory history(@Parameter(example = "D-2024-087") @PathParam("id") String id) {
        return decisions.history(id);
    }

    @GET
    @Operation(summary = "Search decisions by text (title, topic, decision, rationale, owner, status), status and owner",
            description = "Keyset pagination: pass the answer's next_cursor as cursor. sort: id (default) or newest.")
    @APIResponse(responseCode = "200", description = "A page of decisions")
    @APIResponse(responseCode = "400", description = "limit out of bounds, unknown sort, or a cursor this API did not issue")
    public DecisionPage search(@Parameter(description = "words to find", example = "downgrade") @QueryParam("q") String q,
                               @Parameter(example = "accepted") @QueryParam("status") String status,
                               @Parameter(example = "li.wei") @QueryParam("owner") String owner,
                               @Parameter(description = "id or newest") @QueryParam("sort") String sort,
                               @Parameter(description = "1 to the configured maximum (100)") @QueryParam("limit") String limit,
                               @QueryParam("cursor") String cursor) {
        DecisionSearch.Sort order = SearchCursor.sort(sort);
        int size = limit == null ? 20 : Params.positive("limit", limit);
        if (size > maxLimit) {
            throw new BadRequest("limit", "limit " + size + " is over the maximum of " + maxLimit);
        }
        DecisionSearch.After after = cursor == null || cursor.isBlank() ? null : SearchCursor.decode(cursor, order);
        return decisions.search(new DecisionSearch.Criteria(blankToNull(q), blankToNull(status), blankToNull(owner),
                order, after, size));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
