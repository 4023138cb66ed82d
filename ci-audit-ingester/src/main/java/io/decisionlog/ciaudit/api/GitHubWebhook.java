package io.decisionlog.ciaudit.api;

import io.decisionlog.ciaudit.auth.WebhookAuth;
import io.decisionlog.ciaudit.ingest.GitHubDeliveries;
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

/** GitHub webhook deliveries: workflow_run, workflow_dispatch, workflow_job, ping. */
@Path("/webhooks/github")
@PermitAll
@Tag(name = "webhooks")
public class GitHubWebhook {
    private final WebhookAuth auth;
    private final GitHubDeliveries gitHub;
    private final Deliveries deliveries;
    private final Clock clock;

    @Inject
    public GitHubWebhook(WebhookAuth auth, GitHubDeliveries gitHub, Deliveries deliveries, Clock clock) {
        this.auth = auth;
        this.gitHub = gitHub;
        this.deliveries = deliveries;
        this.clock = clock;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Receive a GitHub webhook delivery",
            description = "Checks X-Hub-Signature-256 over the raw body when a secret is configured. 202: the run or "
                    + "dispatch is on Kafka; 200: a redelivery, a stale status or an event that is not a run; "
                    + "401 bad signature; 400 malformed; 413 too large; 503 Kafka unavailable (retry).")
    public Response deliver(@HeaderParam("X-GitHub-Event") String event,
                            @HeaderParam("X-GitHub-Delivery") String deliveryId,
                            @HeaderParam("X-Hub-Signature-256") String signature,
                            byte[] body) {
        auth.gitHub(signature, body);
        return deliveries.answer(gitHub.normalize(event, deliveryId, body, clock.instant()));
    }
}
