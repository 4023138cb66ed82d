package io.decisionlog.blame.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.decisionlog.blame.config.BlameConfig;
import io.decisionlog.blame.sync.RepoTracker;
import io.decisionlog.events.Json;
import io.decisionlog.events.webhook.GitHubSignature;
import io.decisionlog.events.webhook.SharedToken;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * GitHub and GitLab push webhooks: a push to a tracked repository's branch starts a sync. Anything else is
 * acknowledged (200) and ignored, never a 4xx that would make GitLab disable the hook.
 */
@Path("/webhooks/push")
@Tag(name = "webhooks")
public class PushWebhook {
    private final RepoTracker tracker;
    private final GitHubSignature gitHubSignature;
    private final SharedToken gitLabToken;

    @Inject
    public PushWebhook(RepoTracker tracker, BlameConfig config) {
        this.tracker = tracker;
        this.gitHubSignature = new GitHubSignature(config.webhookSecret().map(List::of).orElse(List.of()));
        this.gitLabToken = new SharedToken(config.webhookSecret());
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Receive a GitHub or GitLab push", description = "202 when a sync was started, 200 otherwise.")
    public Response push(@HeaderParam("X-Hub-Signature-256") String signature,
                         @HeaderParam("X-Gitlab-Token") String gitLabTokenHeader,
                         @HeaderParam("X-Gitlab-Event") String gitLabEvent,
                         byte[] body) {
        if (gitLabEvent != null) {
            gitLabToken.require(gitLabTokenHeader, "X-Gitlab-Token");
        } else {
            gitHubSignature.verify(signature, body);
        }
        JsonNode push = parse(body);
        String repo = push.path("repository").path("full_name").asText(push.path("project").path("path_with_namespace").asText(""));
        String ref = push.path("ref").asText("");
        return tracker.trackedBranch(repo, ref)
                .filter(tracker::requestSync)
                .map(tracked -> Response.accepted(Map.of("status", "sync started", "repo", tracked)).build())
                .orElseGet(() -> Response.ok(Map.of("status", "ignored",
                        "reason", "no tracked repository " + repo + " with branch " + ref)).build());
    }

    private static JsonNode parse(byte[] body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new BadRequest("the push payload is not JSON: " + e.getMessage());
        }
    }
}
