package io.decisionlog.graph.api;

import io.decisionlog.events.DecisionChain;
import io.decisionlog.graph.store.CommitListing;
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

import java.time.LocalDate;
import java.util.List;

/** Whole chains of a repository's commits in a range, as an auditor walks them: the commits list, with every chain. */
@Path("/api/v1/chains")
@RolesAllowed(Role.READER_NAME)
@Tag(name = "commits")
@Produces(MediaType.APPLICATION_JSON)
public class ChainsResource {
    private final Chains chains;
    private final CommitListing listing;
    private final Lines lines;
    private final Signoffs signoffs;

    @Inject
    public ChainsResource(Chains chains, CommitListing listing, Lines lines, Signoffs signoffs) {
        this.chains = chains;
        this.listing = listing;
        this.lines = lines;
        this.signoffs = signoffs;
    }

    /** One page of chains, newest commit first; {@code next_cursor} null on the last. */
    public record ChainList(String repo, LocalDate since, LocalDate until, List<ChainAnswer> items, String nextCursor) {
    }

    @GET
    @Operation(summary = "A repository's chains in a date range, newest commit first: each as GET /api/v1/commits/{repo}/"
            + "{sha} answers it (digest, signature, sign-offs)",
            description = "The parameters of GET /api/v1/commits: since, until (days, UTC), complete, signed, limit (1 "
                    + "to 500, 100), cursor.")
    @APIResponse(responseCode = "200", description = "One page; next_cursor is null on the last")
    @APIResponse(responseCode = "400", description = "a bad date, filter, limit or cursor")
    @APIResponse(responseCode = "404", description = "unknown repository, or one the token may not read")
    public ChainList list(@Parameter(example = "acme/payments") @QueryParam("repo") String repo,
                          @QueryParam("since") String since, @QueryParam("until") String until,
                          @QueryParam("complete") String complete, @QueryParam("signed") String signed,
                          @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        CommitWalk walk = CommitWalk.parse(lines, repo, since, until, complete, signed, limit);
        List<CommitListing.Row> rows = walk.page(listing, CommitList.parseCursor(cursor));
        return new ChainList(walk.repo(), walk.range().since(), walk.range().until(), walk.shown(rows).stream()
                .map(row -> {
                    DecisionChain chain = chains.read(walk.repo(), row.sha(), row.body());
                    return ChainAnswer.of(chain, signoffs.of(chain));
                }).toList(), walk.next(rows));
    }
}
