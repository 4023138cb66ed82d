package io.decisionlog.ciaudit.api;

import io.decisionlog.ciaudit.auth.WebhookAuth;
import io.decisionlog.ciaudit.ingest.GitLabPipelines;
import jakarta.annotation.security.PermitAll;
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

import java.time.Clock;

/** GitLab Pipeline Hooks, authenticated by X-Gitlab-Token or a Standard-Webhooks signature. */
@Path("/webhooks/gitlab")
@PermitAll
@Tag(name = "webhooks")
public class GitLabWebhook {
    private final WebhookAuth auth;
    private final GitLabPipelines gitLab;
    private final Deliveries deliveries;
    private final Clock clock;

    @Inject
    public GitLabWebhook(WebhookAuth auth, GitLabPipelines gitLab, Deliveries deliveries, Clock clock) {
        this.auth = auth;
        this.gitLab = gitLab;
        this.deliveries = deliveries;
        this.clock = clock;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Receive a GitLab Pipeline Hook",
            description = "DECISION_ID and DECISION_REASON pipeline variables carry the decision. Idempotency-Key "
                    + "(or webhook-id) identifies retries. Transient faults answer 503, never 4xx.")
    public Response deliver(@HeaderParam("X-Gitlab-Event") String event,
                            @HeaderParam("X-Gitlab-Token") String token,
                            @HeaderParam("Idempotency-Key") String idempotencyKey,
                            @HeaderParam("webhook-id") String webhookId,
                            @HeaderParam("webhook-timestamp") String webhookTimestamp,
                            @HeaderParam("webhook-signature") String webhookSignature,
                            byte[] body) {
        auth.gitLab(token, webhookId, webhookTimestamp, webhookSignature, body);
        String deliveryId = idempotencyKey != null ? idempotencyKey : webhookId;
        return deliveries.answer(gitLab.normalize(event, deliveryId, body, clock.instant()));
    }
}
