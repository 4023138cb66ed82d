package io.decisionlog.graph.api;

import io.decisionlog.events.errors.BadRequest;
import io.decisionlog.graph.config.ApiConfig;
import io.decisionlog.graph.store.DecisionSearch;
import io.decisionlog.kit.audit.AuditLog;
import io.decisionlog.kit.auth.Principals;
import io.decisionlog.kit.auth.Role;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Decisions: one with everything it touched, search, and stewards' sign-offs of their chains. */
@Path("/api/v1/decisions")
@RolesAllowed(Role.READER_NAME)
@Tag(name = "decisions")
@Produces(MediaType.APPLICATION_JSON)
public class DecisionsResource {
    private final Decisions decisions;
    private final Signoffs signoffs;
    private final SecurityIdentity caller;
    private final AuditLog audit;
    private final int maxLimit;

    @Inject
    public DecisionsResource(Decisions decisions, Signoffs signoffs, SecurityIdentity caller, AuditLog audit,
                             ApiConfig config) {
        this.decisions = decisions;
        this.signoffs = signoffs;
        this.caller = caller;
        this.audit = audit;
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
    @Path("{id}/signoffs")
    @Operation(summary = "A decision's chain digest in a repository and its stewards' sign-offs, each current, stale "
            + "or revoked", description = "repo: needed when the decision is on commits of several repositories. The "
            + "digest is what a sign-off names (docs/chain-digest.md).")
    @APIResponse(responseCode = "200", description = "The digest and the sign-offs")
    @APIResponse(responseCode = "400", description = "not a decision id, or repo= is needed")
    @APIResponse(responseCode = "404", description = "the decision is on no commit of the repository the caller may see")
    public SignoffsView signoffs(@Parameter(example = "D-2024-087") @PathParam("id") String id,
                                 @Parameter(example = "acme/payments") @QueryParam("repo") String repo) {
        return signoffs.view(id, repo);
    }

    @POST
    @Path("{id}/signoffs")
    @RolesAllowed(Role.STEWARD_NAME)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Sign off a decision's chain in a repository (steward)",
            description = "digest: the one GET gave you, which must still be the chain's; comment: why (at most 2,000 "
                    + "characters); signature: optional, the armored output of `ssh-keygen -Y sign -n decisionlog` over "
                    + "the digest's text, checked against the stewards' allowed signers, whose principal must be your "
                    + "token's name. Appended to decisionlog.signoffs.v1; never edited, withdrawn only by a revocation.")
    @APIResponse(responseCode = "201", description = "The sign-off, current")
    @APIResponse(responseCode = "400", description = "no digest, a comment too long, or repo= needed")
    @APIResponse(responseCode = "409", description = "the chain changed after the digest was reviewed")
    @APIResponse(responseCode = "422", description = "the signature is not the steward's over the digest, or is missing "
            + "where signatures are required")
    public Response signOff(@Parameter(example = "D-2024-087") @PathParam("id") String id, Signoffs.Request request)
            throws Exception {
        return audit.around("signoff.give", id, () -> Response.status(Response.Status.CREATED)
                .entity(signoffs.signOff(id, request, Principals.person(caller))).build());
    }

    /** Why a sign-off is withdrawn. */
    public record Revocation(String reason) {
    }

    @POST
    @Path("{id}/signoffs/{signoff}/revocation")
    @RolesAllowed(Role.STEWARD_NAME)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Withdraw a sign-off (steward): a new event, the sign-off itself stays in the log")
    @APIResponse(responseCode = "200", description = "The sign-off, revoked")
    @APIResponse(responseCode = "404", description = "no such sign-off of the decision the caller may see")
    @APIResponse(responseCode = "409", description = "already revoked")
    public SignoffsView.Entry revoke(@PathParam("id") String id, @PathParam("signoff") String signoffId,
                                     Revocation revocation) throws Exception {
        return audit.around("signoff.revoke", id + "/" + signoffId, () -> signoffs.revoke(id, signoffId,
                revocation == null ? null : revocation.reason(), Principals.person(caller)));
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
