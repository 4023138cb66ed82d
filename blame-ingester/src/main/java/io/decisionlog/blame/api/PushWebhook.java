package io.decisionlog.blame.api;

import io.decisionlog.blame.sync.RepoTracker;
import io.decisionlog.events.webhook.PushEvent;
import io.decisionlog.events.webhook.PushSignature;
import io.decisionlog.kit.api.PushWebhooks;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * GitHub and GitLab push webhooks: a push to a tracked repository's branch starts its sync. Open to any caller: the
 * delivery's own signature or token is what authenticates it.
 */
@Path("/webhooks/push")
@PermitAll
@Tag(name = "webhooks")
public class PushWebhook extends PushWebhooks {
    private final RepoTracker tracker;

    @Inject
    public PushWebhook(RepoTracker tracker, PushSignature signature) {
        super(signature);
        this.tracker = tracker;
    }

    @Override
    protected List<String> requestSyncs(PushEvent push) {
        return tracker.requestSyncs(push);
    }
}
