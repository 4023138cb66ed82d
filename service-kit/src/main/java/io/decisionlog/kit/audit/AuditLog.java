package io.decisionlog.kit.audit;

import io.decisionlog.events.AuditEvent;
import io.decisionlog.events.Topics;
import io.decisionlog.events.errors.Refusal;
import io.decisionlog.events.kafka.AckedBatch;
import io.decisionlog.kit.auth.Principals;
import io.decisionlog.kit.kafka.KafkaClients;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * The audit trail: every write through an API — accepted, refused or failed — as an {@link AuditEvent} on the
 * append-only {@code decisionlog.audit.v1}, with who (the principal), what, which target, when and how it ended.
 */
@ApplicationScoped
public class AuditLog {
    private static final Logger LOG = Logger.getLogger(AuditLog.class);
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(10);

    private final KafkaProducer<String, byte[]> producer;
    private final Instance<SecurityIdentity> identity;
    private final String service;
    private final Clock clock = Clock.systemUTC();

    @Inject
    public AuditLog(KafkaClients clients, Instance<SecurityIdentity> identity,
                    @ConfigProperty(name = "quarkus.application.name") String service) {
        this.producer = clients.durableProducer(service + "-audit", Map.of(ProducerConfig.LINGER_MS_CONFIG, 0));
        this.identity = identity;
        this.service = service;
    }

    void close(@Observes ShutdownEvent event) {
        producer.close(Duration.ofSeconds(5));
    }

    /**
     * Runs the write and records how it ended; the write's answer or exception passes through unchanged.
     *
     * @param action what the write does ({@code repo.register}, {@code token.create}, …)
     * @param target what it does it to ({@code acme/payments}, a token id)
     */
    public <T> T around(String action, String target, Callable<T> write) throws Exception {
        try {
            T result = write.call();
            record(action, target, "accepted", null);
            return result;
        } catch (Refusal e) {
            record(action, target, "refused", e.error() + ": " + e.getMessage());
            throw e;
        } catch (Exception e) {
            record(action, target, "failed", e.getClass().getSimpleName());
            throw e;
        }
    }

    /** Records one event; a trail that cannot be written is logged loudly, it does not undo the write. */
    public void record(String action, String target, String outcome, String detail) {
        AuditEvent event = new AuditEvent(UUID.randomUUID().toString(), clock.instant(), service, principal(), action,
                target, outcome, detail);
        try {
            AckedBatch.publish(producer, ACK_TIMEOUT, Topics.AUDIT, target, event);
        } catch (RuntimeException e) {
            LOG.errorf("audit event not recorded (%s %s by %s: %s): %s", action, target, event.principal(), outcome,
                    e.getMessage());
        }
    }

    private String principal() {
        return identity.isResolvable() ? Principals.name(identity.get()) : "anonymous";
    }
}
