package io.decisionlog.blame.api;

import io.decisionlog.blame.sync.PastBlames;
import io.decisionlog.blame.sync.PathRules;
import io.decisionlog.blame.sync.RepoTracker;
import io.decisionlog.blame.sync.SyncStatus;
import io.decisionlog.events.BlameFile;
import io.decisionlog.events.GateRules;
import io.decisionlog.events.Keys;
import io.decisionlog.events.LineHistory;
import io.decisionlog.events.TrackedRepo;
import io.decisionlog.events.errors.BadRequest;
import io.decisionlog.events.errors.Forbidden;
import io.decisionlog.events.errors.NotFound;
import io.decisionlog.events.outbound.Destination;
import io.decisionlog.kit.audit.AuditLog;
import io.decisionlog.kit.auth.RepoAccess;
import io.decisionlog.kit.auth.Role;
import io.decisionlog.kit.git.GitRemotes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Registers repositories, starts syncs and shows their progress. Repo ids may be given raw or URL-encoded. Readers see
 * the repositories their token is scoped to; operators register, sync and unregister them.
 */
@Path("/api/v1/repos")
@Tag(name = "repos")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.READER_NAME)
public class RepoResource {
    private final RepoTracker tracker;
    private final PastBlames pastBlames;
    private final GitRemotes remotes;
    private final RepoAccess access;
    private final AuditLog audit;

    @Inject
    public RepoResource(RepoTracker tracker, PastBlames pastBlames, GitRemotes remotes, RepoAccess access,
                        AuditLog audit) {
        this.tracker = tracker;
        this.pastBlames = pastBlames;
        this.remotes = remotes;
        this.access = access;
        this.audit = audit;
    }

    /** The registration a client posts; a field it does not know is a 400 naming it. */
    public record Registration(String repo, String url, String branch, List<String> include, List<String> exclude,
                               List<String> ignoreRevs, GateRules gate, String allowedSigners, Boolean requireSignoff,
                               Boolean replace, String pgpKeyring) {
    }

    private static final int MAX_IGNORE_REVS = 1_000;

    /** Full shas only, as in a {@code .git-blame-ignore-revs} file: an abbreviation could come to mean another commit. */
    private static List<String> ignoreRevs(List<String> revs) {
        if (revs == null) {
            return List.of();
        }
        if (revs.size() > MAX_IGNORE_REVS) {
            throw new BadRequest("ignore_revs", "ignore_revs names at most " + MAX_IGNORE_REVS + " commits");
        }
        for (String rev : revs) {
            if (rev == null || !rev.matches("[0-9a-fA-F]{40}")) {
                throw new BadRequest("ignore_revs", "ignore_revs must be full 40-digit commit shas; '"
                        + (rev == null ? "null" : rev.length() > 50 ? rev.substring(0, 50) + "…" : rev) + "' is not one");
            }
        }
        return revs.stream().map(String::toLowerCase).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.OPERATOR_NAME)
    @Operation(summary = "Track a repository",
            description = "Checks the URL against the outbound rules (https or ssh to a public host; http and local "
                    + "paths only where the operator allows them; no password in the URL), publishes the registration "
                    + "and starts the first sync in the background: 202 with the status. 400 naming the rule or field "
                    + "otherwise; 409 when the id is registered with another URL or branch and replace is not true. "
                    + "gate {governed[], require: commit|pull_request, statuses[]}: the gate's rules for a change "
                    + "whose head has no .decisionlog.yaml. allowed_signers: a file on this server (under the local "
                    + "roots) its commits' SSH signatures are checked against, instead of the global one; pgp_keyring: "
                    + "likewise, an OpenPGP public keyring (gpg --export) for its OpenPGP signatures. require_signoff: "
                    + "a chain of its commits names a decision without a current steward sign-off as missing.")
    public Response register(Registration registration) throws Exception {
        if (registration == null || !Keys.isRepo(registration.repo())) {
            throw new BadRequest("repo", "repo must name a repository as owner/name");
        }
        boolean replace = Boolean.TRUE.equals(registration.replace());
        String action = replace ? "repo.replace" : "repo.register";
        return audit.around(action, registration.repo(), () -> {
            if (!access.maySee(registration.repo())) {
                throw new Forbidden("this token is scoped to " + access.scope() + "; it cannot register "
                        + registration.repo());
            }
            Destination destination = remotes.check(registration.url());
            String branch = registration.branch() == null || registration.branch().isBlank() ? "main"
                    : registration.branch().trim();
            List<String> include = registration.include() == null ? List.of() : registration.include();
            List<String> exclude = registration.exclude() == null ? List.of() : registration.exclude();
            PathRules.of(include, exclude);
            SyncStatus status = tracker.register(new TrackedRepo(registration.repo(), destination.display(), branch,
                    include, exclude, null, null, ignoreRevs(registration.ignoreRevs()),
                    registration.gate() == null ? null : registration.gate().validated("gate."),
                    registration.allowedSigners() == null ? null
                            : remotes.localFile("allowed_signers", registration.allowedSigners()).toString(),
                    Boolean.TRUE.equals(registration.requireSignoff()),
                    registration.pgpKeyring() == null ? null
                            : remotes.localFile("pgp_keyring", registration.pgpKeyring()).toString()), replace);
            return Response.accepted(status).build();
        });
    }

    @GET
    @Operation(summary = "Every tracked repository this token may read, with its sync status")
    public List<SyncStatus> list() {
        return tracker.statuses().stream().filter(status -> access.maySee(status.repo())).toList();
    }

    @GET
    @Path("{repo: .+}")
    @Operation(summary = "A repository's tip, sync progress (files done/total, percent), last sync, skipped files, errors")
    public SyncStatus status(@PathParam("repo") String raw) {
        String repo = decode(raw);
        access.require(repo, () -> unknown(repo));
        return tracker.status(repo).orElseThrow(() -> unknown(repo));
    }

    @GET
    @Path("{repo: .+}/blame")
    @Operation(summary = "The blame of one file as of a past commit of the tracked branch",
            description = "rev: a commit sha or a prefix of at least 4 hex digits, a tag, or the branch's name; the "
                    + "commit must be on the tracked branch (its published tip reaches it). Answers the file's blame "
                    + "as git blame REV -- PATH gives it, with rev the commit's full sha. 404 naming what is unknown "
                    + "(revision, path at that revision), 422 for a file a sync would skip too (binary, too large, "
                    + "over the time limit), 503 while every past-blame slot is busy.")
    public BlameFile blameAt(@PathParam("repo") String raw, @QueryParam("path") String path,
                             @QueryParam("rev") String rev) throws Exception {
        String repo = decode(raw);
        access.require(repo, () -> unknown(repo));
        TrackedRepo registration = tracker.registration(repo).orElseThrow(() -> unknown(repo));
        if (rev == null || rev.isBlank()) {
            throw new BadRequest("rev", "rev is required: a commit sha or prefix, a tag or the branch's name");
        }
        return pastBlames.blame(registration, rev, path);
    }

    @GET
    @Path("{repo: .+}/history")
    @Operation(summary = "Every commit that changed one line, newest first, as git log -L LINE,LINE:PATH lists them",
            description = "line: 1-based, in path at rev (a sha or prefix, a tag, the branch; the tip when absent). "
                    + "Each change has the path then (renames are followed), the lines followed after it and their "
                    + "text; complete is false when the time limit or 500 changes stopped the walk first.")
    public LineHistory history(@PathParam("repo") String raw, @QueryParam("path") String path,
                               @QueryParam("line") String line, @QueryParam("rev") String rev) throws Exception {
        String repo = decode(raw);
        access.require(repo, () -> unknown(repo));
        TrackedRepo registration = tracker.registration(repo).orElseThrow(() -> unknown(repo));
        return pastBlames.history(registration, rev == null || rev.isBlank() ? null : rev, path, lineNumber(line));
    }

    private static int lineNumber(String line) {
        try {
            int number = line == null ? 0 : Integer.parseInt(line.strip());
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below, as a missing one
        }
        throw new BadRequest("line", "line must be a line number, 1 or more");
    }

    @POST
    @Path("{repo: .+}/sync")
    @RolesAllowed(Role.OPERATOR_NAME)
    @Operation(summary = "Fetch and publish what changed since the last sync (in the background)")
    public Response sync(@PathParam("repo") String raw) throws Exception {
        String repo = decode(raw);
        return audit.around("repo.sync", repo, () -> {
            access.require(repo, () -> unknown(repo));
            if (!tracker.requestSync(repo)) {
                throw unknown(repo);
            }
            return Response.accepted(tracker.status(repo).orElseThrow()).build();
        });
    }

    @DELETE
    @Path("{repo: .+}")
    @RolesAllowed(Role.OPERATOR_NAME)
    @Operation(summary = "Stop tracking a repository",
            description = "No more syncs; its registration and the blame of its files are tombstoned, so traces no "
                    + "longer answer for it. Its commits and chains stay on the topics and in the store: they are "
                    + "history, and an audit must still find them.")
    public Response unregister(@PathParam("repo") String raw) throws Exception {
        String repo = decode(raw);
        return audit.around("repo.unregister", repo, () -> {
            access.require(repo, () -> unknown(repo));
            if (!tracker.unregister(repo)) {
                throw unknown(repo);
            }
            return Response.noContent().build();
        });
    }

    private static NotFound unknown(String repo) {
        return new NotFound("repository " + repo + " is not tracked (register it with POST /api/v1/repos)");
    }

    /** The router hands {@code %2F} through undecoded; a raw slash needs nothing. */
    private static String decode(String repo) {
        return repo.contains("%") ? URLDecoder.decode(repo, StandardCharsets.UTF_8) : repo;
    }
}
