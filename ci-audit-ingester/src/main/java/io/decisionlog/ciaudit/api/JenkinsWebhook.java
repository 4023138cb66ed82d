package io.decisionlog.ciaudit.api;

import io.decisionlog.ciaudit.auth.WebhookAuth;
import io.decisionlog.ciaudit.ingest.JenkinsNotifications;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;

/** The Jenkins Notification plugin's JSON, authenticated by a shared token. */
@Path("/webhooks/jenkins")
@PermitAll
@Tag(name = "webhooks")
public class JenkinsWebhook {
    private final WebhookAuth auth;
    private final JenkinsNotifications jenkins;
    private final Deliveries deliveries;
    private final Clock clock;

    @Inject
    public JenkinsWebhook(WebhookAuth auth, JenkinsNotifications jenkins, Deliveries deliveries, Clock clock) {
        this.auth = auth;
        this.jenkins = jenkins;
        this.deliveries = deliveries;
        this.clock = clock;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Receive a Jenkins Notification plugin event",
            description = "The token comes as header X-Decisionlog-Token or query parameter token (the plugin can "
                    + "only set a URL). The repository is the repo parameter, else derived from build.scm.url.")
    public Response deliver(@HeaderParam("X-Decisionlog-Token") String headerToken,
                            @QueryParam("token") String queryToken,
                            @QueryParam("repo") String repo,
                            byte[] body) {
        auth.jenkins(headerToken != null ? headerToken : queryToken);
        return deliveries.answer(jenkins.normalize(repo, body, clock.instant()));
    }
}
