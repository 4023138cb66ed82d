package io.decisionlog.minutes.wiring;

import io.decisionlog.events.DecisionIds;
import io.decisionlog.minutes.config.MinutesConfig;
import io.decisionlog.minutes.config.SourceSpecs;
import io.decisionlog.minutes.parse.MinutesParser;
import io.decisionlog.minutes.parse.SafeYaml;
import io.decisionlog.minutes.publish.KafkaPublisher;
import io.decisionlog.minutes.publish.StateLoader;
import io.decisionlog.minutes.sync.MirrorDirs;
import io.decisionlog.minutes.sync.Publisher;
import io.decisionlog.minutes.sync.SourceRegistry;
import io.decisionlog.minutes.sync.SourceSync;
import io.decisionlog.minutes.sync.SyncScheduler;
import io.decisionlog.minutes.webhook.PushSignature;
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

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Builds the plain classes of parse/, sync/ and publish/ from configuration; the only place that knows CDI. */
@ApplicationScoped
public class MinutesBeans {
    private static final Logger LOG = Logger.getLogger(MinutesBeans.class);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "decisionlog.decision-id.pattern")
    String decisionIdPattern;

    @ConfigProperty(name = "decisionlog.data-dir")
    Path dataDir;

    @ConfigProperty(name = "decisionlog.sources")
    Optional<List<String>> sources;

    @Produces
    @Singleton
    MinutesParser parser(MinutesConfig config) {
        return new MinutesParser(new SafeYaml(config.maxFileBytes()), new DecisionIds(decisionIdPattern));
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
    Publisher publisher(KafkaProducer<String, byte[]> producer) {
        return new KafkaPublisher(producer, Duration.ofSeconds(60));
    }

    @Produces
    @Singleton
    SourceRegistry registry(MinutesParser parser, Publisher publisher, MinutesConfig config) {
        Clock clock = Clock.systemUTC();
        SourceSync sync = new SourceSync(parser, new MirrorDirs(dataDir.resolve("minutes")), config.fetchTimeout(), clock);
        return new SourceRegistry(sync, publisher, clock);
    }

    @Produces
    @Singleton
    SyncScheduler scheduler(SourceRegistry registry) {
        return new SyncScheduler(registry);
    }

    void closeScheduler(@Disposes SyncScheduler scheduler) {
        scheduler.close();
    }

    @Produces
    @Singleton
    PushSignature pushSignature(MinutesConfig config) {
        return new PushSignature(config.webhookSecret());
    }

    @Produces
    @Singleton
    Startup startup(SourceRegistry registry, SyncScheduler scheduler, MinutesConfig config) {
        StateLoader loader = new StateLoader(() -> KafkaClients.stateConsumer(bootstrapServers), Duration.ofSeconds(60));
        return new Startup(loader, registry, scheduler, SourceSpecs.parse(sources.orElse(List.of())), config.pollInterval());
    }

    void start(@Observes StartupEvent event, Startup startup, PushSignature signature) {
        Thread thread = new Thread(startup, "minutes-startup");
        thread.setDaemon(true);
        thread.start();
        if (!signature.enabled()) {
            LOG.warn("decisionlog.minutes.webhook-secret is not set: /webhooks/push accepts any delivery"
                    + " (set it to require GitHub's X-Hub-Signature-256 or GitLab's X-Gitlab-Token)");
        }
    }

    void stop(@Observes ShutdownEvent event, Startup startup) {
        startup.stop();
    }
}
