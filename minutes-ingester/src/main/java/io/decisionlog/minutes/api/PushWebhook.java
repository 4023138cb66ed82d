package io.decisionlog.minutes.api;

import io.decisionlog.events.webhook.PushEvent;
import io.decisionlog.events.webhook.PushSignature;
import io.decisionlog.kit.api.PushWebhooks;
import io.decisionlog.minutes.sync.Registration;
import io.decisionlog.minutes.sync.SourceRegistry;
import io.decisionlog.minutes.sync.SourceState;
import io.decisionlog.minutes.sync.SyncScheduler;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * GitHub and GitLab push webhooks: a push to a minutes source's branch starts a background sync of it. Open to any
 * caller: the delivery's own signature or token is what authenticates it.
 */
@Path("/webhooks/push")
@PermitAll
@Tag(name = "webhooks")
public class PushWebhook extends PushWebhooks {
    private final SourceRegistry registry;
    private final SyncScheduler scheduler;

    @Inject
    public PushWebhook(PushSignature signature, SourceRegistry registry, SyncScheduler scheduler) {
        super(signature);
        this.registry = registry;
        this.scheduler = scheduler;
    }

    @Override
    protected List<String> requestSyncs(PushEvent push) {
        List<String> sources = registry.all().stream().map(SourceState::registration)
                .filter(r -> push.matches(r.source(), r.url(), r.branch())).map(Registration::source).toList();
        sources.forEach(scheduler::request);
        return sources;
    }
}
