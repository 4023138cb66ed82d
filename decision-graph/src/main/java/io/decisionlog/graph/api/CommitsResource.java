package io.decisionlog.graph.api;

import io.decisionlog.events.DecisionChain;
import io.decisionlog.events.errors.NotFound;
import io.decisionlog.graph.store.CommitListing;
import io.decisionlog.kit.auth.RepoAccess;
import io.decisionlog.kit.auth.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** One commit's chain. The repository id may be given raw ({@code acme/payments}) or URL-encoded. */
@Path("/api/v1/commits")
@RolesAllowed(Role.READER_NAME)
@Tag(name = "commits")
@Produces(MediaType.APPLICATION_JSON)
public class CommitsResource {
    private final Chains chains;
    private final Signoffs signoffs;
    private final RepoAccess access;
    private final CommitListing listing;
    private final Lines lines;

    @Inject
    public CommitsResource(Chains chains, RepoAccess access, CommitListing listing, Lines lines, Signoffs signoffs) {
        this.chains = chains;
        this.access = access;
        this.listing = listing;
        this.lines = lines;
        this.signoffs = signoffs;
    }

    @GET
    @Operation(summary = "A repository's commits in a date range, newest first, each with its chain's verdict and digest",
            description = "since and until are days (UTC, both included; until defaults to today, since to 90 days "
                    + "before it); complete=true|false and signed=verified|unverified|bad|unknown_key|none filter; "
                    + "limit 1 to 500 (100); cursor: the next_cursor of the page before.")
    @APIResponse(responseCode = "200", description = "One page; next_cursor is null on the last")
    @APIResponse(responseCode = "400", description = "a bad date, filter, limit or cursor")
    @APIResponse(responseCode = "404", description = "unknown repository, or one the token may not read")
    public CommitList list(@Parameter(example = "acme/payments") @QueryParam("repo") String repo,
                           @QueryParam("since") String since, @QueryParam("until") String until,
                           @QueryParam("complete") String complete, @QueryParam("signed") String signed,
                           @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        CommitWalk walk = CommitWalk.parse(lines, repo, since, until, complete, signed, limit);
        List<CommitListing.Row> rows = walk.page(listing, CommitList.parseCursor(cursor));
        return new CommitList(walk.repo(), walk.range().since(), walk.range().until(), walk.shown(rows).stream()
                .map(row -> CommitList.Item.of(row, chains.read(walk.repo(), row.sha(), row.body()))).toList(),
                walk.next(rows));
    }

    @GET
    @Path("{repo: .+}/{sha: [^/]+}")
    @Operation(summary = "A commit's chain: the commit, its CI runs, its decisions with minutes and vias, what is missing,"
            + " its digest, and its decisions' sign-offs in the repository",
            description = "sha: the full 40 hex digits, or a unique prefix of at least 7.")
    @APIResponse(responseCode = "200", description = "The chain")
    @APIResponse(responseCode = "400", description = "not a sha, or a prefix that matches several commits")
    @APIResponse(responseCode = "404", description = "no such commit known")
    public ChainAnswer commit(@Parameter(example = "acme/payments") @PathParam("repo") String repo,
                                @Parameter(example = "3f2a9c1") @PathParam("sha") String sha) {
        String id = Params.repoInPath(repo);
        access.require(id, () -> new NotFound("no commit " + sha + " of " + id + " is known"));
        String full = chains.expand(id, sha);
        DecisionChain chain = chains.of(id, full)
                .orElseThrow(() -> new NotFound("no commit " + sha + " of " + id + " is known"));
        return ChainAnswer.of(chain, signoffs.of(chain));
    }
}
