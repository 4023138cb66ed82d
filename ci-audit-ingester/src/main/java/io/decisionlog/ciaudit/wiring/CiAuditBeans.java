package io.decisionlog.ciaudit.wiring;

import io.decisionlog.ciaudit.auth.WebhookAuth;
import io.decisionlog.ciaudit.config.CiAuditConfig;
import io.decisionlog.ciaudit.ingest.GenericRuns;
import io.decisionlog.ciaudit.ingest.GitHubDeliveries;
import io.decisionlog.ciaudit.ingest.GitLabApiPipelines;
import io.decisionlog.ciaudit.ingest.GitLabPipelines;
import io.decisionlog.ciaudit.ingest.JenkinsApiBuilds;
import io.decisionlog.ciaudit.ingest.JenkinsNotifications;
import io.decisionlog.ciaudit.publish.CiEventPublisher;
import io.decisionlog.ciaudit.publish.LedgerFollower;
import io.decisionlog.ciaudit.publish.RunLedger;
import io.decisionlog.ciaudit.pull.ApiClient;
import io.decisionlog.ciaudit.pull.CiSources;
import io.decisionlog.ciaudit.pull.GitHubRunsApi;
import io.decisionlog.ciaudit.pull.GitLabRunsApi;
import io.decisionlog.ciaudit.pull.JenkinsRunsApi;
import io.decisionlog.ciaudit.pull.PullCredentials;
import io.decisionlog.ciaudit.pull.PullPass;
import io.decisionlog.ciaudit.pull.RunsApi;
import io.decisionlog.events.CiRun;
import io.decisionlog.events.CiSource;
import io.decisionlog.events.DecisionIds;
import io.decisionlog.events.TopicAccess;
import io.decisionlog.events.Topics;
import io.decisionlog.events.kafka.LatestByKey;
import io.decisionlog.events.kafka.Retrying;
import io.decisionlog.kit.config.SharedConfig;
import io.decisionlog.kit.git.OutboundGuard;
import io.decisionlog.kit.kafka.KafkaClients;
import io.decisionlog.kit.kafka.OwnTopics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Builds the plain classes of ingest/ and publish/ from configuration; the only place that knows CDI. */
@ApplicationScoped
public class CiAuditBeans {
    private static final Logger LOG = Logger.getLogger(CiAuditBeans.class);
    private volatile Retrying restoring;

    @Produces
    @Singleton
    OwnTopics topics() {
        return new OwnTopics(TopicAccess.CI_AUDIT_INGESTER.creates());
    }

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    DecisionIds decisionIds(SharedConfig shared) {
        return new DecisionIds(shared.decisionId().pattern());
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

    /**
     * A 202 promises durability (the shared durable producer); this one gives up well within GitHub's 10 s, so the
     * sender gets a 503 and retries rather than a timeout: at most 1.5 s blocked on metadata, 6 s to deliver.
     */
    @Produces
    @Singleton
    KafkaProducer<String, byte[]> producer(KafkaClients clients) {
        return clients.durableProducer("ci-audit-ingester", Map.of(
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 1_500,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 6_000,
                // a little batching under load costs a millisecond and saves most of the requests
                ProducerConfig.LINGER_MS_CONFIG, 1,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"));
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
    LedgerFollower follower(RunLedger ledger, Clock clock, KafkaClients clients) {
        return new LedgerFollower(() -> clients.stateReader("ci-audit-ingester-ledger",
                Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000)), ledger, clock);
    }

    @Produces
    @Singleton
    PullCredentials pullCredentials(CiAuditConfig config) {
        return PullCredentials.of(config.pull().credentials().orElse(List.of()), config.pull().credentialsDir());
    }

    /** Pulled runs go through the same publisher, ledger and ordering rule as the webhooks' deliveries. */
    @Produces
    @Singleton
    CiSources ciSources(KafkaProducer<String, byte[]> producer, CiEventPublisher publisher, PullCredentials credentials,
                        OutboundGuard guard, CiAuditConfig config, Clock clock, DecisionIds ids) {
        CiAuditConfig.Pull pull = config.pull();
        GitLabApiPipelines gitLabApi = new GitLabApiPipelines(ids);
        JenkinsApiBuilds jenkinsApi = new JenkinsApiBuilds(ids);
        ApiClient.Limits limits = new ApiClient.Limits(pull.requestTimeout(), pull.retries(), pull.retryBase(),
                pull.maxWait(), pull.maxPageBytes());
        CiSources.Apis apis = new CiSources.Apis() {
            @Override
            public RunsApi of(CiSource source, ApiClient client) {
                String host = URI.create(source.apiUrl()).getHost();
                String token = credentials.forHost(source.credentialsRef(), host).map(PullCredentials.Credential::token)
                        .orElse(null);
                return switch (source.provider()) {
                    case GitLabPipelines.PROVIDER -> new GitLabRunsApi(client, gitLabApi, pull.window(), clock, token);
                    case JenkinsNotifications.PROVIDER -> new JenkinsRunsApi(client, jenkinsApi, clock, token);
                    default -> new GitHubRunsApi(client, pull.window(), clock, token);
                };
            }

            @Override
            public ApiClient client() {
                return new ApiClient(guard.proxy().selector(), limits, clock, duration -> Thread.sleep(duration.toMillis()));
            }
        };
        PullPass.Publisher runs = new PullPass.Publisher() {
            @Override
            public boolean publish(CiRun run) {
                return publisher.publish(run).published();
            }

            @Override
            public boolean isNews(CiRun run) {
                return publisher.isNews(run);
            }
        };
        return new CiSources(producer, apis, runs, clock, pull.threads());
    }

    void stopPulls(@Disposes CiSources sources) {
        sources.stop();
    }

    void start(@Observes StartupEvent event, LedgerFollower follower, WebhookAuth auth, CiSources sources,
               KafkaClients clients) {
        follower.start();
        restoring = Retrying.start("ci-sources-restore", Duration.ofSeconds(1), () -> sources.restore(
                LatestByKey.read(clients.stateReader("ci-audit-ingester-sources", Map.of()), Topics.CI_SOURCES,
                        Duration.ofSeconds(30)).values()));
        auth.describe().forEach((provider, mode) -> {
            if (mode.startsWith("UNSIGNED") || mode.startsWith("refused")) {
                LOG.warnf("webhook %s: %s", provider, mode);
            }
        });
    }

    void stop(@Observes ShutdownEvent event, LedgerFollower follower) {
        follower.stop();
        if (restoring != null) {
            restoring.stop();
        }
    }
}
