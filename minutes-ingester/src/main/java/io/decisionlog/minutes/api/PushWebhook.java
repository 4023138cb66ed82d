package io.decisionlog.minutes.api;

import io.decisionlog.events.WireFormat;
import io.decisionlog.minutes.sync.SourceRegistry;
import io.decisionlog.minutes.sync.SourceState;
import io.decisionlog.minutes.sync.SyncScheduler;
import io.decisionlog.minutes.webhook.PushEvent;
import io.decisionlog.minutes.webhook.PushSignature;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * {@code POST /webhooks/push}: a GitHub or GitLab push delivery starts a background sync of every source whose id
 * or url names the pushed repository and whose branch was pushed. Answers 202 at once, before the fetch.
 */
@Path("/webhooks/push")
@Produces(MediaType.APPLICATION_JSON)
public class PushWebhook {
    private final PushSignature signature;
    private final SourceRegistry registry;
    private final SyncScheduler scheduler;

    @Inject
    public PushWebhook(PushSignature signature, SourceRegistry registry, SyncScheduler scheduler) {
        this.signature = signature;
        this.registry = registry;
        this.scheduler = scheduler;
    }

    @WireFormat
    public record Accepted(String status, List<String> sources, String message) {
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response push(byte[] body,
                         @HeaderParam("X-Hub-Signature-256") String hubSignature,
                         @HeaderParam("X-Gitlab-Token") String gitlabToken) {
        byte[] bytes = body == null ? new byte[0] : body;
        signature.verify(hubSignature, gitlabToken, bytes);
        PushEvent event = PushEvent.parse(bytes)
                .orElseThrow(() -> new IllegalArgumentException("the body is not a JSON push payload"));
        List<String> sources = registry.all().stream().map(SourceState::registration).filter(event::matches)
                .map(r -> r.source()).toList();
        sources.forEach(scheduler::request);
        String message = sources.isEmpty() ? "no registered source matches " + event.names() + " " + event.ref()
                : "sync started";
        return Response.accepted(new Accepted("accepted", sources, message)).build();
    }
}
