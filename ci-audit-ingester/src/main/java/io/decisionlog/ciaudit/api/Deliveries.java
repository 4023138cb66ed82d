package io.decisionlog.ciaudit.api;

import io.decisionlog.ciaudit.ingest.Normalized;
import io.decisionlog.ciaudit.publish.CiEventPublisher;
import io.decisionlog.ciaudit.publish.Receipt;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

/**
 * Publishes what a delivery became and turns the outcome into the answer: 202 published, 200 otherwise. A webhook's
 * secret proves who sent a delivery, not when: GitHub's signature and GitLab's and Jenkins' tokens carry no time, so a
 * captured delivery can be sent again. It can only repeat a status the CI itself sent: the ledger (and decision-graph's
 * same ordering rule after it) makes a repeated or older status change nothing, answered 200 "unchanged".
 */
@Singleton
public class Deliveries {
    private static final Logger LOG = Logger.getLogger(Deliveries.class);

    private final CiEventPublisher publisher;

    @Inject
    public Deliveries(CiEventPublisher publisher) {
        this.publisher = publisher;
    }

    public Response answer(Normalized normalized) {
        Receipt receipt = publish(normalized);
        if (!receipt.published()) {
            LOG.debugf("%s: %s", receipt.status(), receipt.detail());
        }
        return Response.status(receipt.published() ? Response.Status.ACCEPTED : Response.Status.OK).entity(receipt).build();
    }

    private Receipt publish(Normalized normalized) {
        if (normalized instanceof Normalized.Run run) {
            return publisher.publish(run.run());
        }
        if (normalized instanceof Normalized.Dispatch dispatch) {
            return publisher.publish(dispatch.dispatch());
        }
        return Receipt.ignored(((Normalized.Ignored) normalized).reason());
    }
}
