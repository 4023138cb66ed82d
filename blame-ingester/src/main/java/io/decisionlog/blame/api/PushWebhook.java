package io.decisionlog.blame.api;

import io.decisionlog.blame.sync.RepoTracker;
import io.decisionlog.events.webhook.PushEvent;
import io.decisionlog.events.webhook.PushSignature;
import io.decisionlog.kit.api.PushWebhooks;
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

/** GitHub and GitLab push webhooks: a push to a tracked repository's branch starts its sync. */
@Path("/webhooks/push")
@Tag(name = "webhooks")
public class PushWebhook {
    private final RepoTracker tracker;
    private final PushSignature signature;

    @Inject
    public PushWebhook(RepoTracker tracker, PushSignature signature) {
        this.tracker = tracker;
        this.signature = signature;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Receive a GitHub or GitLab push",
            description = "202 when a sync was started, 200 when no tracked repository matches the push.")
    public Response push(@HeaderParam("X-Hub-Signature-256") String hubSignature,
                         @HeaderParam("X-Gitlab-Token") String gitlabToken,
                         byte[] body) {
        PushEvent push = PushWebhooks.verifiedPush(signature, hubSignature, gitlabToken, body);
        return PushWebhooks.answer(push, tracker.requestSyncs(push));
    }
}
