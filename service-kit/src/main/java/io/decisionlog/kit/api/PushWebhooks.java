package io.decisionlog.kit.api;

import io.decisionlog.events.errors.BadRequest;
import io.decisionlog.events.webhook.PushEvent;
import io.decisionlog.events.webhook.PushSignature;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * How {@code /webhooks/push} behaves in every ingester that syncs git repositories: the delivery is authenticated
 * over its raw bytes before it is read, a body that is not a push is a 400, and the answer says which registrations
 * started a sync (202) or that none matched (200, never a 4xx that would make GitLab disable the hook).
 */
public final class PushWebhooks {
    private PushWebhooks() {
    }

    /** The answer's body. */
    public record PushAnswer(String status, List<String> synced, String message) {
    }

    /** @throws io.decisionlog.events.errors.Unauthorized or {@link BadRequest}, saying why */
    public static PushEvent verifiedPush(PushSignature signature, String hubSignature256, String gitlabToken, byte[] body) {
        byte[] bytes = body == null ? new byte[0] : body;
        signature.verify(hubSignature256, gitlabToken, bytes);
        return PushEvent.parse(bytes).orElseThrow(() -> new BadRequest("body", "the body is not a JSON push payload"));
    }

    public static Response answer(PushEvent push, List<String> synced) {
        if (synced.isEmpty()) {
            return Response.ok(new PushAnswer("ignored", synced,
                    "nothing registered matches " + push.names() + " " + push.ref())).build();
        }
        return Response.accepted(new PushAnswer("sync started", synced, "sync started for " + synced)).build();
    }
}
