package io.decisionlog.blame.api;

import io.decisionlog.blame.sync.RepoTracker;
import io.decisionlog.blame.sync.SyncStatus;
import io.decisionlog.events.Keys;
import io.decisionlog.events.TrackedRepo;
import io.decisionlog.events.errors.BadRequest;
import io.decisionlog.events.errors.NotFound;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** Registers repositories, starts syncs and shows their progress. Repo ids may be given raw or URL-encoded. */
@Path("/api/v1/repos")
@Tag(name = "repos")
@Produces(MediaType.APPLICATION_JSON)
public class RepoResource {
    private final RepoTracker tracker;

    @Inject
    public RepoResource(RepoTracker tracker) {
        this.tracker = tracker;
    }

    /** The registration a client posts. */
    public record Registration(String repo, String url, String branch, List<String> include, List<String> exclude) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Track a repository",
            description = "Checks that the URL (a local path, file://, https://) answers with the branch, publishes the "
                    + "registration and starts the first sync. 202 with the status; 400 with the reason otherwise.")
    public Response register(Registration registration) throws Exception {
        if (registration == null || !Keys.isRepo(registration.repo())) {
            throw new BadRequest("repo", "repo must name a repository as owner/name");
        }
        if (registration.url() == null || registration.url().isBlank()) {
            throw new BadRequest("url", "url is missing");
        }
        String branch = registration.branch() == null || registration.branch().isBlank() ? "main" : registration.branch();
        try {
            SyncStatus status = tracker.register(new TrackedRepo(registration.repo(), registration.url().trim(), branch,
                    registration.include(), registration.exclude(), null, null));
            return Response.accepted(status).build();
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        }
    }

    @GET
    @Operation(summary = "Every tracked repository and its sync status")
    public List<SyncStatus> list() {
        return tracker.statuses();
    }

    @GET
    @Path("{repo: .+}")
    @Operation(summary = "A repository's tip, sync progress (files done/total, percent), last sync, skipped files, errors")
    public SyncStatus status(@PathParam("repo") String repo) {
        return tracker.status(repo).orElseThrow(() -> unknown(repo));
    }

    @POST
    @Path("{repo: .+}/sync")
    @Operation(summary = "Fetch and publish what changed since the last sync")
    public Response sync(@PathParam("repo") String repo) {
        if (!tracker.requestSync(repo)) {
            throw unknown(repo);
        }
        return Response.accepted(tracker.status(repo).orElseThrow()).build();
    }

    private static NotFound unknown(String repo) {
        return new NotFound("repository " + repo + " is not tracked (register it with POST /api/v1/repos)");
    }
}
