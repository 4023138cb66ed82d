package io.decisionlog.graph.api;

import io.decisionlog.events.DecisionChain;
import io.decisionlog.events.errors.NotFound;
import io.decisionlog.kit.auth.RepoAccess;
import io.decisionlog.kit.auth.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** One commit's chain. The repository id may be given raw ({@code acme/payments}) or URL-encoded. */
@Path("/api/v1/commits")
@RolesAllowed(Role.READER_NAME)
@Tag(name = "commits")
@Produces(MediaType.APPLICATION_JSON)
public class CommitsResource {
    private final Chains chains;
    private final RepoAccess access;

    @Inject
    public CommitsResource(Chains chains, RepoAccess access) {
        this.chains = chains;
        this.access = access;
    }

    @GET
    @Path("{repo: .+}/{sha: [^/]+}")
    @Operation(summary = "A commit's chain: the commit, its CI runs, its decisions with minutes and vias, what is missing",
            description = "sha: the full 40 hex digits, or a unique prefix of at least 7.")
    @APIResponse(responseCode = "200", description = "The chain")
    @APIResponse(responseCode = "400", description = "not a sha, or a prefix that matches several commits")
    @APIResponse(responseCode = "404", description = "no such commit known")
    public DecisionChain commit(@Parameter(example = "acme/payments") @PathParam("repo") String repo,
                                @Parameter(example = "3f2a9c1") @PathParam("sha") String sha) {
        String id = Params.repoInPath(repo);
        access.require(id, () -> new NotFound("no commit " + sha + " of " + id + " is known"));
        String full = chains.expand(id, sha);
        return chains.of(id, full).orElseThrow(() -> new NotFound("no commit " + sha + " of " + id + " is known"));
    }
}
