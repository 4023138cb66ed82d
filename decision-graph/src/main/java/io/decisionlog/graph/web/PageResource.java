package io.decisionlog.graph.web;

import io.decisionlog.events.DecisionChain;
import io.decisionlog.events.errors.BadRequest;
import io.decisionlog.events.errors.NotFound;
import io.decisionlog.events.errors.Refusal;
import io.decisionlog.graph.api.ChainAnswer;
import io.decisionlog.graph.api.Chains;
import io.decisionlog.graph.api.DateRange;
import io.decisionlog.graph.api.DecisionView;
import io.decisionlog.graph.api.Decisions;
import io.decisionlog.graph.api.FileBlames;
import io.decisionlog.graph.api.Ingesters;
import io.decisionlog.graph.api.Lines;
import io.decisionlog.graph.api.PastBlames;
import io.decisionlog.graph.api.Signoffs;
import io.decisionlog.graph.api.SignoffsView;
import io.decisionlog.graph.store.BlameFileRow;
import io.decisionlog.graph.store.LineAt;
import io.decisionlog.graph.store.PageQueries;
import io.decisionlog.graph.store.StoreQueries;
import io.decisionlog.kit.audit.AuditLog;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.AuthenticationFailedException;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The web UI's pages, server-rendered. Each one reads through the same code the query API does ({@link FileBlames},
 * {@link Lines}, {@link Chains}, {@link Decisions}) and so shows exactly what the viewer's token may see: another
 * repository's page is the same 404 as one that does not exist. Without a session a page sends the viewer to sign in.
 */
@Path("/")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class PageResource {
    /** A decision on commits of more repositories than this shows the sign-offs of the first ones (the API has all). */
    private static final int MAX_SIGNOFF_PANELS = 20;

    private final Viewer viewer;
    private final Lines lines;
    private final FileBlames files;
    private final Chains chains;
    private final Decisions decisions;
    private final StoreQueries queries;
    private final PageQueries pageQueries;
    private final Search search;
    private final RepoLists repoLists;
    private final Ingesters ingesters;
    private final PastBlames pastBlames;
    private final Signoffs signoffs;
    private final CsrfTokens csrf;
    private final AuditLog audit;

    @Inject
    public PageResource(Viewer viewer, Lines lines, FileBlames files, Chains chains, Decisions decisions,
                        StoreQueries queries, PageQueries pageQueries, Search search, RepoLists repoLists,
                        Ingesters ingesters, PastBlames pastBlames, Signoffs signoffs, CsrfTokens csrf,
                        AuditLog audit) {
        this.pastBlames = pastBlames;
        this.signoffs = signoffs;
        this.csrf = csrf;
        this.audit = audit;
        this.viewer = viewer;
        this.lines = lines;
        this.files = files;
        this.chains = chains;
        this.decisions = decisions;
        this.queries = queries;
        this.pageQueries = pageQueries;
        this.search = search;
        this.repoLists = repoLists;
        this.ingesters = ingesters;
    }

    @GET
    @Operation(hidden = true)
    public Response home() {
        return Response.seeOther(URI.create("/repos")).build();
    }

    @GET
    @Path("repos")
    @Operation(hidden = true)
    public TemplateInstance repos() {
        viewer.requireSignedIn();
        return Pages.repos(header(null), repoLists.build(viewer, Instant.now()));
    }

    @GET
    @Path("repos/{owner}/{name}")
    @Operation(hidden = true)
    public TemplateInstance repo(@PathParam("owner") String owner, @PathParam("name") String name) {
        viewer.requireSignedIn();
        return directory(owner + "/" + name, "");
    }

    /** A file with its blame and decisions, or a directory's listing with coverage. */
    @GET
    @Path("repos/{owner}/{name}/blob/{path: .*}")
    @Operation(hidden = true)
    public TemplateInstance blob(@PathParam("owner") String owner, @PathParam("name") String name,
                                 @PathParam("path") String path) {
        viewer.requireSignedIn();
        String repo = owner + "/" + name;
        String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        lines.requireVisible(repo);
        if (!p.isEmpty() && BlameFileRow.of(repo, p).isPresent()) {
            return Pages.file(header(null), FilePage.of(files.of(repo, p), Instant.now()));
        }
        int slash = p.indexOf('/');
        if (slash > 0 && queries.coverage(repo, p.substring(0, slash + 1)).isEmpty()) {
            // not a file or directory at the tip: GitHub's blob/REV/PATH, the revision first
            String rev = p.substring(0, slash);
            String pathThen = p.substring(slash + 1);
            return Pages.file(header(null), FilePage.of(files.of(repo, pathThen, rev, viewer.credential()), rev,
                    Instant.now()));
        }
        return directory(repo, p);
    }

    /** The revision picker's form: to the file at that revision, the address one can share. */
    @GET
    @Path("repos/{owner}/{name}/at")
    @Operation(hidden = true)
    public Response at(@PathParam("owner") String owner, @PathParam("name") String name,
                       @QueryParam("path") String path, @QueryParam("rev") String rev) {
        viewer.requireSignedIn();
        String repo = owner + "/" + name;
        lines.requireVisible(repo);
        if (path == null || path.isBlank()) {
            throw new BadRequest("path", "path is required");
        }
        String target = rev == null || rev.isBlank() ? Hrefs.blob(repo, path) : Hrefs.blobAt(repo, rev.strip(), path);
        return Response.seeOther(URI.create(target)).build();
    }

    private TemplateInstance directory(String repo, String path) {
        lines.requireRepo(repo);
        List<StoreQueries.FileLines> under = queries.coverage(repo, path.isEmpty() ? "" : path + "/");
        if (under.isEmpty()) {
            throw new NotFound("no file or directory " + path + " in " + repo + " at its tip");
        }
        return Pages.directory(header(null), DirectoryPage.of(repo, path, under));
    }

    /** The chain panel for one line: loaded beside the code when the line is clicked. */
    @GET
    @Path("repos/{owner}/{name}/chain/{path: .+}")
    @Operation(hidden = true)
    public TemplateInstance chain(@PathParam("owner") String owner, @PathParam("name") String name,
                                  @PathParam("path") String path, @QueryParam("line") String line,
                                  @QueryParam("rev") String rev) {
        viewer.requireSignedIn();
        String repo = owner + "/" + name;
        int n = positive("line", line);
        boolean past = rev != null && !rev.isBlank();
        LineAt at = past ? pastBlames.at(repo, path, n, rev, true, viewer.credential()) : lines.at(repo, path, n, true);
        DecisionChain chain = chains.of(at);
        String href = past ? Hrefs.blobAt(repo, rev, path) + "#L" + n : Hrefs.line(repo, path, n);
        ChainView.LineRef ref = new ChainView.LineRef(path, n, at.text(), href, at.origPath());
        return Pages.chain(ChainView.of(repo, at.sha(), ref, chain == null ? null : answer(chain), Instant.now()));
    }

    @GET
    @Path("repos/{owner}/{name}/commit/{sha}")
    @Operation(hidden = true)
    public TemplateInstance commit(@PathParam("owner") String owner, @PathParam("name") String name,
                                   @PathParam("sha") String sha) {
        viewer.requireSignedIn();
        String repo = owner + "/" + name;
        lines.requireVisible(repo);
        String full = chains.expand(repo, sha);
        DecisionChain chain = chains.of(repo, full)
                .orElseThrow(() -> new NotFound("no commit " + sha + " of " + repo + " is known"));
        return Pages.commit(header(null), ChainView.of(repo, full, null, answer(chain), Instant.now()));
    }

    private ChainAnswer answer(DecisionChain chain) {
        return ChainAnswer.of(chain, signoffs.of(chain));
    }

    /** The reviewer's worklist, as a page or ({@code format=csv}) as a download. */
    @GET
    @Path("repos/{owner}/{name}/unlinked")
    @Produces({MediaType.TEXT_HTML, "text/csv"})
    @Operation(hidden = true)
    public Response unlinked(@PathParam("owner") String owner, @PathParam("name") String name,
                             @QueryParam("since") String since, @QueryParam("until") String until,
                             @QueryParam("page") String page, @QueryParam("format") String format) {
        viewer.requireSignedIn();
        String repo = owner + "/" + name;
        lines.requireRepo(repo);
        DateRange range = DateRange.parse(since, until);
        if ("csv".equals(format)) {
            String csv = Worklist.csv(worklists().rows(repo, range, 0, Worklists.CSV_ROWS), repo);
            return Response.ok(csv, "text/csv; charset=utf-8").header("Content-Disposition",
                    "attachment; filename=\"unlinked-" + repo.replace('/', '-') + ".csv\"").build();
        }
        return Response.ok(Pages.unlinked(header(null), worklists().page(repo, range, page == null ? 1
                : positive("page", page)))).type(MediaType.TEXT_HTML_TYPE).build();
    }

    private Worklists worklists() {
        return new Worklists(pageQueries, chains);
    }

    @GET
    @Path("decisions/{id}")
    @Operation(hidden = true)
    public TemplateInstance decision(@PathParam("id") String id, @QueryParam("page") String page) {
        viewer.requireSignedIn();
        DecisionView view = decisions.decision(id);
        int number = page == null ? 1 : positive("page", page);
        List<DecisionView.OwnedFile> shown = DecisionPageView.pageOf(view.files(), number);
        List<PageQueries.LineRange> ranges = pageQueries.rangesOwnedBy(view.decisionId(),
                shown.stream().map(DecisionView.OwnedFile::repo).toList(),
                shown.stream().map(DecisionView.OwnedFile::path).toList());
        List<SignoffsView> signed = view.commits().stream().map(DecisionView.Commit::repo).distinct()
                .limit(MAX_SIGNOFF_PANELS).map(repo -> signoffs.view(view, repo)).toList();
        return Pages.decision(header(null), DecisionPageView.of(view, ranges, number, signed, viewer.steward(),
                Instant.now()));
    }

    /** The decision page's sign-off form: the digest the steward reviewed there, why, and an optional SSH signature. */
    @POST
    @Path("decisions/{id}/signoffs")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response signOff(@PathParam("id") String id, @FormParam("repo") String repo,
                            @FormParam("digest") String digest, @FormParam("comment") String comment,
                            @FormParam("signature") String signature, @FormParam(CsrfTokens.FIELD) String csrfToken)
            throws Exception {
        requireStewardsForm(csrfToken);
        Signoffs.Request request = new Signoffs.Request(repo, digest, comment, signature);
        audit.around("signoff.give", id, () -> signoffs.signOff(id, request, viewer.person()));
        return Response.seeOther(URI.create(Hrefs.decision(id) + "#signoffs")).build();
    }

    @POST
    @Path("decisions/{id}/signoffs/{signoff}/revocation")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response revoke(@PathParam("id") String id, @PathParam("signoff") String signoffId,
                           @FormParam("reason") String reason, @FormParam(CsrfTokens.FIELD) String csrfToken)
            throws Exception {
        requireStewardsForm(csrfToken);
        audit.around("signoff.revoke", id + "/" + signoffId, () -> signoffs.revoke(id, signoffId, reason,
                viewer.person()));
        return Response.seeOther(URI.create(Hrefs.decision(id) + "#signoffs")).build();
    }

    private void requireStewardsForm(String csrfToken) {
        viewer.requireSignedIn();
        csrf.verify(csrfToken);
        viewer.requireSteward();
    }

    @GET
    @Path("search")
    @Operation(hidden = true)
    public Response search(@QueryParam("q") String q, @QueryParam("page") String page) {
        viewer.requireSignedIn();
        String query = q == null ? "" : q.trim();
        if (query.length() > Search.MAX_QUERY) {
            throw new BadRequest("q", "a search of " + query.length() + " characters is longer than the "
                    + Search.MAX_QUERY + " a search takes");
        }
        return search.directHit(query).map(href -> Response.seeOther(URI.create(href)).build())
                .orElseGet(() -> Response.ok(Pages.search(header(query), search.find(query, page == null ? 1
                        : positive("page", page)))).type(MediaType.TEXT_HTML_TYPE).build());
    }

    @GET
    @Path("sources/{source: .+}")
    @Operation(hidden = true)
    public Response source(@PathParam("source") String source) {
        viewer.requireSignedIn();
        return ingesters.source(source, viewer.credential()).match(
                status -> Response.ok(Pages.source(header(null), SourcePages.of(status, Instant.now()))),
                () -> {
                    throw new NotFound("minutes source " + source + " is unknown");
                },
                reason -> Response.status(503).entity(Pages.error(header(null), 503, "The minutes-ingester did not answer",
                        reason + ". The rest of decision-log works; try this page again shortly."))
        ).type(MediaType.TEXT_HTML_TYPE).build();
    }

    private Header header(String query) {
        return Header.of(viewer, query);
    }

    private static int positive(String name, String value) {
        try {
            int number = Integer.parseInt(value.trim());
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException | NullPointerException e) {
            // answered below
        }
        throw new BadRequest(name, name + " must be a whole number from 1 up, not '" + value + "'");
    }

    @ServerExceptionMapper
    public Response signIn(SignInRequired e) {
        return Response.seeOther(URI.create("/sign-in?next=" + Hrefs.encode(e.next()))).build();
    }

    /** A session whose token expired or was revoked: sign in again, and the stale cookie goes. */
    @ServerExceptionMapper
    public Response expired(AuthenticationFailedException e, UriInfo uri) {
        String next = uri.getRequestUri().getRawPath()
                + (uri.getRequestUri().getRawQuery() == null ? "" : "?" + uri.getRequestUri().getRawQuery());
        return Response.seeOther(URI.create("/sign-in?expired=true&next=" + Hrefs.encode(next)))
                .cookie(SessionCookie.cleared(viewer.secure())).build();
    }

    @ServerExceptionMapper
    public Response refused(Refusal e) {
        String title = switch (e.status()) {
            case 404 -> "Not found";
            case 400 -> "That request cannot be answered";
            case 503 -> "Not answered in time: try again shortly";
            default -> "Refused";
        };
        return errorPage(e.status(), title, e.getMessage());
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowed e) {
        return errorPage(403, "Not allowed", e.getMessage());
    }

    private Response errorPage(int status, String title, String message) {
        Header header;
        try {
            header = header(null);
        } catch (RuntimeException e) {
            header = new Header("", "", Set.of(), "");
        }
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE)
                .entity(Pages.error(header, status, title, message)).build();
    }
}
