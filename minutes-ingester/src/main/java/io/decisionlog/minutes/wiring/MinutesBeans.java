package io.decisionlog.minutes.wiring;

import io.decisionlog.events.DecisionIds;
import io.decisionlog.events.TopicAccess;
import io.decisionlog.events.webhook.PushSignature;
import io.decisionlog.events.webhook.UnsignedDeliveries;
import io.decisionlog.events.yaml.SafeYaml;
import io.decisionlog.kit.config.SharedConfig;
import io.decisionlog.kit.config.TrackedFromStart;
import io.decisionlog.kit.git.GitRemotes;
import io.decisionlog.kit.git.OutboundGuard;
import io.decisionlog.kit.kafka.KafkaClients;
import io.decisionlog.kit.kafka.OwnTopics;
import io.decisionlog.minutes.config.MinutesConfig;
import io.decisionlog.minutes.parse.MinutesParser;
import io.decisionlog.minutes.publish.KafkaPublisher;
import io.decisionlog.minutes.publish.StateLoader;
import io.decisionlog.minutes.sync.MirrorDirs;
import io.decisionlog.minutes.sync.Publisher;
import io.decisionlog.minutes.sync.Registration;
import io.decisionlog.minutes.sync.SourceRegistry;
import io.decisionlog.minutes.sync.SourceSync;
import io.decisionlog.minutes.sync.SyncScheduler;
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

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Builds the plain classes of parse/, sync/ and publish/ from configuration; the only place that knows CDI. */
@ApplicationScoped
public class MinutesBeans {
    private static final Logger LOG = Logger.getLogger(MinutesBeans.class);

    @Produces
    @Singleton
    OwnTopics topics() {
        return new OwnTopics(TopicAccess.MINUTES_INGESTER.creates());
    }

    @Produces
    @Singleton
    MinutesParser parser(MinutesConfig config, SharedConfig shared) {
        return new MinutesParser(new SafeYaml(config.maxFileBytes()), new DecisionIds(shared.decisionId().pattern()));
    }

    /**
     * Over the shared durable producer (a sync's state moves on only once every record is acknowledged): syncs are
     * background work, so the producer rides out a broker restart rather than failing at once, and it batches the
     * tens of thousands of small records of an initial sync.
     */
    public static final Map<String, Object> PRODUCER_TUNING = Map.of(
            ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000,
            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
            ProducerConfig.LINGER_MS_CONFIG, 5,
            ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
            ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    public static final Map<String, Object> STATE_READER_TUNING = Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);

    @Produces
    @Singleton
    KafkaProducer<String, byte[]> producer(KafkaClients clients) {
        return clients.durableProducer("minutes-ingester", PRODUCER_TUNING);
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
    GitRemotes remotes(OutboundGuard guard, SharedConfig shared, MinutesConfig config) {
        return GitRemotes.of(guard, shared, config.fetchTimeout());
    }

    @Produces
    @Singleton
    SourceRegistry registry(MinutesParser parser, Publisher publisher, SharedConfig shared, GitRemotes remotes) {
        Clock clock = Clock.systemUTC();
        SourceSync sync = new SourceSync(parser, new MirrorDirs(shared.dataDir().resolve("minutes")), remotes, clock);
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
    PushSignature pushSignature(MinutesConfig config, UnsignedDeliveries unsigned) {
        return new PushSignature(config.webhookSecret(), unsigned, "decisionlog.minutes.webhook-secret");
    }

    @Produces
    @Singleton
    Startup startup(SourceRegistry registry, SyncScheduler scheduler, MinutesConfig config, SharedConfig shared,
                    KafkaClients clients) {
        StateLoader loader = new StateLoader(() -> clients.stateReader("minutes-ingester-state", STATE_READER_TUNING),
                Duration.ofSeconds(60));
        return new Startup(loader, registry, scheduler, TrackedFromStart.parse(shared.sources().orElse(List.of()), "decisionlog.sources").stream()
                        .map(source -> new Registration(source.id(), source.url(), source.branch(), null)).toList(),
                config.pollInterval());
    }

    void start(@Observes StartupEvent event, Startup startup, PushSignature signature) {
        startup.start();
        if (!signature.enabled()) {
            LOG.warnf("decisionlog.minutes.webhook-secret is not set: /webhooks/push %s", signature.describe());
        }
    }

    void stop(@Observes ShutdownEvent event, Startup startup) {
        startup.stop();
    }
}
