package io.decisionlog.graph.api;

import io.decisionlog.events.AuditEvent;
import io.decisionlog.events.Topics;
import io.decisionlog.events.errors.BadRequest;
import io.decisionlog.events.kafka.TopicFollower;
import io.decisionlog.kit.auth.Role;
import io.decisionlog.kit.kafka.KafkaClients;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * The audit trail of every service: each write through an API with who, what, which target, when and how it ended,
 * newest first. Read from {@code decisionlog.audit.v1} itself (one partition, kept forever), so it needs no store.
 */
@Path("/api/v1/audit")
@Tag(name = "admin")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.ADMIN_NAME)
public class AuditResource {
    private static final int MAX_LIMIT = 1_000;
    private static final Duration READ_LIMIT = Duration.ofSeconds(30);

    private final KafkaClients clients;

    @Inject
    public AuditResource(KafkaClients clients) {
        this.clients = clients;
    }

    @GET
    @Operation(summary = "The newest audit events (limit 1 to 1000, default 100), optionally of one action or target")
    public List<AuditEvent> list(@QueryParam("limit") String limit, @QueryParam("action") String action,
                                 @QueryParam("target") String target) {
        int size = limit == null ? 100 : Params.positive("limit", limit);
        if (size > MAX_LIMIT) {
            throw new BadRequest("limit", "limit " + size + " is over the maximum of " + MAX_LIMIT);
        }
        Deque<AuditEvent> newest = new ArrayDeque<>(size);
        try (TopicFollower follower = TopicFollower.fromBeginning(clients.stateReader("audit-reader", Map.of()),
                List.of(Topics.AUDIT.name()))) {
            follower.readToEnd(READ_LIMIT, record -> {
                AuditEvent event = Topics.AUDIT.valueSerde().deserialize(record.topic(), record.value());
                if (event != null && matches(event, action, target)) {
                    if (newest.size() == size) {
                        newest.removeFirst();
                    }
                    newest.addLast(event);
                }
            });
        }
        List<AuditEvent> events = new ArrayList<>(newest);
        Collections.reverse(events);
        return events;
    }

    private static boolean matches(AuditEvent event, String action, String target) {
        return (action == null || action.equals(event.action())) && (target == null || target.equals(event.target()));
    }
}
