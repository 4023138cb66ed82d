package io.decisionlog.kit.api;

import io.decisionlog.events.errors.BadRequest;
import io.decisionlog.events.webhook.PushEvent;
import io.decisionlog.events.webhook.PushSignature;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;

/**
 * {@code /webhooks/push} of every ingester that syncs git repositories: the delivery is authenticated over its raw
 * bytes before it is read, a body that is not a push is a 400, and the answer says which registrations started a sync
 * (202) or that none matched (200, never a 4xx that would make GitLab disable the hook). A service's resource says
 * only which of its registrations a push is to.
 */
public abstract class PushWebhooks {
    private final PushSignature signature;

    protected PushWebhooks(PushSignature signature) {
        this.signature = signature;
    }

    /** The answer's body. */
    public record PushAnswer(String status, List<String> synced, String message) {
    }

    /** Starts a sync of every registration the push is to, in the background; returns their ids. */
    protected abstract List<String> requestSyncs(PushEvent push);

    /** Open to any caller: the delivery's own signature or token is what authenticates it. */
    @POST
    @PermitAll
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Receive a GitHub or GitLab push",
            description = "GitHub's X-Hub-Signature-256 or GitLab's X-Gitlab-Token, checked before the body is read. "
                    + "202 when a sync was started (before the fetch), 200 when nothing registered matches the push.")
    public Response push(@HeaderParam("X-Hub-Signature-256") String hubSignature256,
                         @HeaderParam("X-Gitlab-Token") String gitlabToken,
                         byte[] body) {
        byte[] bytes = body == null ? new byte[0] : body;
        signature.verify(hubSignature256, gitlabToken, bytes);
        PushEvent push = PushEvent.parse(bytes).orElseThrow(() -> new BadRequest("body", "the body is not a JSON push payload"));
        List<String> synced = requestSyncs(push);
        if (synced.isEmpty()) {
            return Response.ok(new PushAnswer("ignored", synced,
                    "nothing registered matches " + push.names() + " " + push.ref())).build();
        }
        return Response.accepted(new PushAnswer("sync started", synced, "sync started for " + synced)).build();
    }
}
