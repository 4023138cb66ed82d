package io.decisionlog.graph.api;

import io.decisionlog.events.ChainDecision;
import io.decisionlog.events.DecisionChain;
import io.decisionlog.events.DecisionIds;
import io.decisionlog.events.DecisionMinutes;
import io.decisionlog.events.Json;
import io.decisionlog.events.errors.BadRequest;
import io.decisionlog.events.errors.NotFound;
import io.decisionlog.graph.config.ApiConfig;
import io.decisionlog.graph.store.CommitKey;
import io.decisionlog.graph.store.DecisionRow;
import io.decisionlog.graph.store.DecisionSearch;
import io.decisionlog.graph.store.StoreQueries;
import io.decisionlog.kit.auth.RepoAccess;
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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Decisions: one with everything it touched, and search. */
@Path("/api/v1/decisions")
@RolesAllowed(Role.READER_NAME)
@Tag(name = "decisions")
@Produces(MediaType.APPLICATION_JSON)
public class DecisionsResource {
    private final Chains chains;
    private final StoreQueries queries;
    private final DecisionIds ids;
    private final RepoAccess access;
    private final int maxLimit;

    @Inject
    public DecisionsResource(Chains chains, StoreQueries queries, ApiConfig config, DecisionIds ids, RepoAccess access) {
        this.chains = chains;
        this.queries = queries;
        this.ids = ids;
        this.access = access;
        this.maxLimit = config.maxLimit();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A decision: its minutes, the commits it is on with their CI runs, the lines it still owns")
    @APIResponse(responseCode = "200", description = "The decision")
    @APIResponse(responseCode = "400", description = "not a decision id")
    @APIResponse(responseCode = "404", description = "neither minutes nor any commit know the decision")
    public DecisionView decision(@Parameter(example = "D-2024-087") @PathParam("id") String id) {
        String decisionId = id.trim();
        if (!ids.isId(decisionId)) {
            throw new BadRequest("id", "'" + id + "' is not a decision id (pattern " + ids.pattern() + ", e.g. D-2024-087)");
        }
        DecisionMinutes minutes = DecisionRow.<DecisionRow>findByIdOptional(decisionId).map(DecisionsResource::minutes)
                .orElse(null);
        List<DecisionView.Commit> commits = commits(decisionId);
        if ((minutes == null && commits.isEmpty()) || !visible(minutes, commits.stream().map(DecisionView.Commit::repo))) {
            throw new NotFound("decision " + decisionId + " is in no minutes and on no commit known to decision-graph");
        }
        List<DecisionView.OwnedFile> files = queries.linesOwnedBy(decisionId).stream()
                .filter(file -> access.maySee(file.repo()))
                .map(file -> new DecisionView.OwnedFile(file.repo(), file.path(), file.lines())).toList();
        int owned = files.stream().mapToInt(DecisionView.OwnedFile::lines).sum();
        return new DecisionView(decisionId, minutes, commits, owned, files);
    }

    @GET
    @Operation(summary = "Search decisions by text (title, topic, decision, owner, status), status and owner",
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
        List<DecisionRow> rows = DecisionSearch.page(new DecisionSearch.Criteria(blankToNull(q), blankToNull(status),
                blankToNull(owner), order, after, size));
        List<DecisionRow> page = rows.subList(0, Math.min(size, rows.size()));
        String next = rows.size() > size ? SearchCursor.encode(order, page.get(page.size() - 1)) : null;
        // a scoped token's page holds the decisions it may see: possibly fewer than the limit, the cursor as usual
        return new DecisionPage(page.stream().filter(this::visible).map(row -> new DecisionPage.Summary(row.decisionId, row.title, row.status,
                row.owner, row.topic, row.decidedOn)).toList(), next);
    }

    /**
     * A decision belongs to its minutes source; a token scoped to repositories also sees the decisions on their
     * commits, since their chains show them anyway. What it sees of a decision is limited to those repositories.
     */
    private boolean visible(DecisionMinutes minutes, Stream<String> commitRepos) {
        if (access.unscoped()) {
            return true;
        }
        boolean ownSource = minutes != null && minutes.meeting() != null && access.maySee(minutes.meeting().sourceRepo());
        return ownSource || commitRepos.anyMatch(access::maySee);
    }

    private boolean visible(DecisionRow row) {
        return access.unscoped() || visible(minutes(row), queries.commitsOf(row.decisionId).stream().map(key -> key.repo));
    }

    private List<DecisionView.Commit> commits(String decisionId) {
        Map<String, List<String>> shasByRepo = queries.commitsOf(decisionId).stream().collect(Collectors.groupingBy(
                key -> key.repo, TreeMap::new, Collectors.mapping(key -> key.sha, Collectors.toList())));
        List<DecisionView.Commit> commits = new ArrayList<>();
        shasByRepo.forEach((repo, shas) -> {
            if (access.maySee(repo)) {
                chains.of(repo, shas).forEach(chain -> commits.add(commit(chain, decisionId)));
            }
        });
        return commits;
    }

    private static DecisionView.Commit commit(DecisionChain chain, String decisionId) {
        var via = chain.decisions().stream().filter(decision -> decision.decisionId().equals(decisionId))
                .findFirst().map(ChainDecision::via).orElse(List.of());
        return new DecisionView.Commit(chain.commit().repo(), chain.commit().sha(), chain.commit().subject(),
                chain.commit().committedAt(), via, chain.ciRuns(), chain.complete());
    }

    private static DecisionMinutes minutes(DecisionRow row) {
        try {
            return Json.MAPPER.readValue(row.body, DecisionMinutes.class);
        } catch (IOException e) {
            throw new UncheckedIOException("stored minutes of " + row.decisionId + " are unreadable", e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
