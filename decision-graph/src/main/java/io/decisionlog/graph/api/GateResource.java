package io.decisionlog.graph.api;

import io.decisionlog.events.errors.BadRequest;
import io.decisionlog.kit.auth.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The gate's question before a merge: do the decisions a change carries exist, and do they count? */
@Path("/api/v1/gate")
@RolesAllowed(Role.READER_NAME)
@Tag(name = "gate")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class GateResource {
    private final GateVerdicts verdicts;
    private final Lines lines;
    private final Ingesters ingesters;

    @Inject
    public GateResource(GateVerdicts verdicts, Lines lines, Ingesters ingesters) {
        this.verdicts = verdicts;
        this.lines = lines;
        this.ingesters = ingesters;
    }

    @POST
    @Operation(summary = "The verdict on each decision a range of commits carries",
            description = "{repo, decision_ids[], statuses[]}: for each decision, whether it exists, its status, its "
                    + "minutes, and whether it counts (its status is one of statuses, default accepted); when not, "
                    + "the reason. The caller must be able to read repo.")
    @APIResponse(responseCode = "200", description = "Each decision's verdict")
    @APIResponse(responseCode = "400", description = "a missing repo, too many ids, something that is not a decision id")
    @APIResponse(responseCode = "404", description = "repo unknown or not the caller's")
    @APIResponse(responseCode = "503", description = BusyResponses.DESCRIPTION)
    public GateVerdicts.GateAnswer gate(GateVerdicts.GateRequest request) {
        return verdicts.answer(request);
    }

    @GET
    @Path("policy")
    @Operation(summary = "The gate's rules a repository's registration sets",
            description = "For a change whose head has no .decisionlog.yaml: {repo, gate: {governed[], require, "
                    + "statuses[]}}, gate absent when the registration sets none. Asked of the blame-ingester with the "
                    + "caller's own token.")
    @APIResponse(responseCode = "200", description = "The registration's gate rules, or none")
    @APIResponse(responseCode = "404", description = "repo unknown or not the caller's")
    @APIResponse(responseCode = "503", description = "the blame-ingester did not answer")
    public Ingesters.RepoGate policy(@QueryParam("repo") String repo,
                                     @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        if (repo == null || repo.isBlank()) {
            throw new BadRequest("repo", "repo is required");
        }
        lines.requireVisible(repo);
        Ingesters.RepoGate registered = ingesters.gateRules(repo, Ingesters.bearer(authorization));
        return new Ingesters.RepoGate(repo, registered.gate());
    }
}
