package io.decisionlog.ciaudit.wiring;

import io.decisionlog.ciaudit.config.CiAuditConfig;
import io.decisionlog.ciaudit.ingest.GenericRuns;
import io.decisionlog.ciaudit.ingest.GitHubDeliveries;
import io.decisionlog.ciaudit.ingest.GitLabPipelines;
import io.decisionlog.ciaudit.ingest.JenkinsNotifications;
import io.decisionlog.ciaudit.publish.CiEventPublisher;
import io.decisionlog.ciaudit.publish.LedgerFollower;
import io.decisionlog.ciaudit.publish.RunLedger;
import io.decisionlog.events.DecisionIds;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;

/** Builds the plain classes of ingest/ and publish/ from configuration; the only place that knows CDI. */
@ApplicationScoped
public class CiAuditBeans {
    private static final Logger LOG = Logger.getLogger(CiAuditBeans.class);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "decisionlog.decision-id.pattern")
    String decisionIdPattern;

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    DecisionIds decisionIds() {
        return new DecisionIds(decisionIdPattern);
    }

    @Produces
    @Singleton
    GitHubDeliveries gitHub(DecisionIds ids) {
        return new GitHubDeliveries(ids);
    }

    @Produces
    @Singleton
    GitLabPipelines gitLab(DecisionIds ids) {
        return new GitLabPipelines(ids);
    }

    @Produces
    @Singleton
    JenkinsNotifications jenkins(DecisionIds ids) {
        return new JenkinsNotifications(ids);
    }

    @Produces
    @Singleton
    GenericRuns generic(DecisionIds ids) {
        return new GenericRuns(ids);
    }

    @Produces
    @Singleton
    RunLedger ledger(CiAuditConfig config) {
        return new RunLedger(config.ledgerRetention());
    }

    @Produces
    @Singleton
    KafkaProducer<String, byte[]> producer() {
        return KafkaClients.producer(bootstrapServers);
    }

    void closeProducer(@Disposes KafkaProducer<String, byte[]> producer) {
        producer.close(Duration.ofSeconds(5));
    }

    @Produces
    @Singleton
    CiEventPublisher publisher(KafkaProducer<String, byte[]> producer, RunLedger ledger) {
        return new CiEventPublisher(producer, ledger);
    }

    @Produces
    @Singleton
    LedgerFollower follower(RunLedger ledger, Clock clock) {
        return new LedgerFollower(() -> KafkaClients.ledgerConsumer(bootstrapServers), ledger, clock);
    }

    void start(@Observes StartupEvent event, LedgerFollower follower, CiAuditConfig config) {
        Thread thread = new Thread(follower, "ci-ledger-follower");
        thread.setDaemon(true);
        thread.start();
        warnIfOpen("decisionlog.ci.github.secret", config.github().secret().isEmpty(), "/webhooks/github accepts unsigned deliveries");
        warnIfOpen("decisionlog.ci.gitlab.token", config.gitlab().token().isEmpty(), "/webhooks/gitlab accepts any delivery");
        warnIfOpen("decisionlog.ci.jenkins.token", config.jenkins().token().isEmpty(), "/webhooks/jenkins accepts any delivery");
        warnIfOpen("decisionlog.ci.api.token", config.api().token().isEmpty(), "/api/v1/ci-runs accepts any caller");
    }

    void stop(@Observes ShutdownEvent event, LedgerFollower follower) {
        follower.stop();
    }

    private static void warnIfOpen(String key, boolean open, String consequence) {
        if (open) {
            LOG.warnf("%s is not set: %s (set it to require authentication)", key, consequence);
        }
    }
}
