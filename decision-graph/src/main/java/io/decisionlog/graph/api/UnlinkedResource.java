package io.decisionlog.graph.api;

import io.decisionlog.events.CiRun;
import io.decisionlog.events.Json;
import io.decisionlog.events.errors.BadRequest;
import io.decisionlog.graph.store.PageQueries;
import io.decisionlog.kit.auth.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** What shipped without a decision: the reviewer's and the auditor's list, as JSON or CSV. */
@Path("/api/v1/unlinked")
@RolesAllowed(Role.READER_NAME)
@Tag(name = "unlinked")
public class UnlinkedResource {
    static final int MAX_PER_PAGE = 500;
    private static final String CSV = "text/csv";

    private final PageQueries queries;
    private final Lines lines;

    @Inject
    public UnlinkedResource(PageQueries queries, Lines lines) {
        this.queries = queries;
        this.lines = lines;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, CSV})
    @Operation(summary = "Commits with no decision and CI runs that carried none (decision_ref N/A), newest first",
            description = "since and until are days (UTC, both included; until defaults to today, since to 90 days "
                    + "before it). A run counts on its own commit (a merge's runs on the merge). Accept: text/csv "
                    + "(or format=csv) gives the same page as CSV.")
    @APIResponse(responseCode = "200", description = "One page; next_page is null on the last")
    @APIResponse(responseCode = "400", description = "a bad date, range, page or per_page")
    @APIResponse(responseCode = "404", description = "unknown repository, or one the token may not read")
    public Response unlinked(@Parameter(example = "acme/payments") @QueryParam("repo") String repo,
                             @Parameter(example = "2026-01-01") @QueryParam("since") String since,
                             @Parameter(example = "2026-01-31") @QueryParam("until") String until,
                             @Parameter(description = "from 1") @QueryParam("page") String page,
                             @Parameter(description = "1 to 500, default 100") @QueryParam("per_page") String perPage,
                             @Parameter(description = "csv: the page as CSV") @QueryParam("format") String format,
                             @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        String r = Params.required("repo", repo);
        lines.requireRepo(r);
        DateRange range = DateRange.parse(since, until);
        int pageNumber = page == null ? 1 : Params.positive("page", page);
        int size = perPage == null ? 100 : Params.positive("per_page", perPage);
        if (size > MAX_PER_PAGE || pageNumber > 100_000) {
            throw new BadRequest(size > MAX_PER_PAGE ? "per_page" : "page", size > MAX_PER_PAGE
                    ? "per_page is at most " + MAX_PER_PAGE : "page is at most 100000: narrow since and until");
        }
        List<PageQueries.UnlinkedRow> rows = queries.unlinkedCommitsAndRuns(r, range.from(), range.to(),
                (pageNumber - 1) * size, size + 1);
        UnlinkedView view = new UnlinkedView(r, range.since(), range.until(), pageNumber, size,
                rows.size() > size ? pageNumber + 1 : null, items(rows.subList(0, Math.min(size, rows.size()))));
        if ("csv".equals(format) || (format == null && accept != null && accept.startsWith(CSV))) {
            return Response.ok(view.csv(), CSV + "; charset=utf-8").header("Content-Disposition",
                    "attachment; filename=\"unlinked-" + r.replace('/', '-') + "-" + range.since() + "-"
                            + range.until() + ".csv\"").build();
        }
        return Response.ok(view, MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static List<UnlinkedView.Item> items(List<PageQueries.UnlinkedRow> rows) {
        List<UnlinkedView.Item> items = new ArrayList<>();
        for (PageQueries.UnlinkedRow row : rows) {
            if (row.runJson() == null) {
                items.add(new UnlinkedView.Commit(row.sha(), row.at(), row.author(), row.subject()));
            } else {
                items.add(UnlinkedView.Run.of(run(row.runJson()), row.at()));
            }
        }
        return items;
    }

    private static CiRun run(String json) {
        try {
            return Json.MAPPER.readValue(json, CiRun.class);
        } catch (IOException e) {
            throw new IllegalStateException("a chain in the store holds a run that does not read: " + e.getMessage(), e);
        }
    }
}
