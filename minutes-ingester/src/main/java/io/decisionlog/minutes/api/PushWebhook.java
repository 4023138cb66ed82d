package io.decisionlog.minutes.api;

import io.decisionlog.events.webhook.PushEvent;
import io.decisionlog.events.webhook.PushSignature;
import io.decisionlog.kit.api.PushWebhooks;
import io.decisionlog.minutes.sync.Registration;
import io.decisionlog.minutes.sync.SourceRegistry;
import io.decisionlog.minutes.sync.SourceState;
import io.decisionlog.minutes.sync.SyncScheduler;
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

import java.util.List;

/**
 * GitHub and GitLab push webhooks: a push to a minutes source's branch starts a background sync of it, answered before
 * the fetch (GitHub waits 10 s at most).
 */
@Path("/webhooks/push")
@Tag(name = "webhooks")
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

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Receive a GitHub or GitLab push",
            description = "202 when a sync was started, 200 when no registered source matches the push.")
    public Response push(@HeaderParam("X-Hub-Signature-256") String hubSignature,
                         @HeaderParam("X-Gitlab-Token") String gitlabToken,
                         byte[] body) {
        PushEvent push = PushWebhooks.verifiedPush(signature, hubSignature, gitlabToken, body);
        List<String> sources = registry.all().stream().map(SourceState::registration)
                .filter(r -> push.matches(r.source(), r.url(), r.branch())).map(Registration::source).toList();
        sources.forEach(scheduler::request);
        return PushWebhooks.answer(push, sources);
    }
}
