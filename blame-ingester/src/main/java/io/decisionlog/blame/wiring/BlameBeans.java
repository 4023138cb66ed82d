package io.decisionlog.blame.wiring;

import io.decisionlog.blame.config.BlameConfig;
import io.decisionlog.blame.git.Clones;
import io.decisionlog.blame.git.CommitRecords;
import io.decisionlog.blame.git.Signatures;
import io.decisionlog.blame.sync.PublishedBlames;
import io.decisionlog.blame.sync.PublishedTags;
import io.decisionlog.blame.sync.PastBlames;
import io.decisionlog.blame.sync.RepoSync;
import io.decisionlog.blame.sync.RepoTracker;
import io.decisionlog.blame.sync.RepoTrackerStartup;
import io.decisionlog.events.DecisionIds;
import io.decisionlog.events.Topics;
import io.decisionlog.events.webhook.PushSignature;
import io.decisionlog.events.webhook.UnsignedDeliveries;
import io.decisionlog.kit.config.SharedConfig;
import io.decisionlog.kit.config.TrackedFromStart;
import io.decisionlog.kit.git.GitRemotes;
import io.decisionlog.kit.git.OutboundGuard;
import io.decisionlog.kit.kafka.KafkaClients;
import io.decisionlog.kit.kafka.OwnTopics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Builds the plain classes of git/, history/ and sync/ from configuration; the only place that knows CDI. */
@ApplicationScoped
public class BlameBeans {
    private static final Logger LOG = Logger.getLogger(BlameBeans.class);

    private volatile ExecutorService syncThreads;
    private volatile RepoTrackerStartup startup;

    @Produces
    @Singleton
    OwnTopics topics() {
        return new OwnTopics(List.of(Topics.COMMITS, Topics.BLAME, Topics.REPOS));
    }

    /** Blame records are text and compress several-fold; batches of many small commit records too. */
    @Produces
    @Singleton
    KafkaProducer<String, byte[]> producer(KafkaClients clients) {
        return clients.durableProducer("blame-ingester", Map.of(
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd",
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 262_144));
    }

    void closeProducer(@Disposes KafkaProducer<String, byte[]> producer) {
        producer.close(Duration.ofSeconds(10));
    }

    @Produces
    @Singleton
    GitRemotes remotes(OutboundGuard guard, SharedConfig shared, BlameConfig config) {
        return GitRemotes.of(guard, shared, config.fetchTimeout());
    }

    @Produces
    @Singleton
    RepoTracker tracker(BlameConfig config, SharedConfig shared, GitRemotes remotes,
                        KafkaProducer<String, byte[]> producer) {
        Path dataDir = shared.dataDir();
        RepoSync sync = new RepoSync(new Clones(dataDir.resolve("repos"), remotes),
                new PublishedBlames(dataDir.resolve("blame")),
                new CommitRecords(new DecisionIds(shared.decisionId().pattern()),
                        new Signatures(config.allowedSigners().orElse(null), config.pgpKeyring().orElse(null))),
                new PublishedTags(dataDir.resolve("tags")), config.maxFileBytes(),
                config.fileTimeLimit(), Clock.systemUTC());
        syncThreads = Executors.newFixedThreadPool(config.syncThreads(), runnable -> {
            Thread thread = new Thread(runnable, "blame-sync");
            thread.setDaemon(true);
            return thread;
        });
        return new RepoTracker(sync, producer, syncThreads);
    }

    /** Past blames read the same bare clones as the syncs. */
    @Produces
    @Singleton
    PastBlames pastBlames(BlameConfig config, SharedConfig shared, GitRemotes remotes) {
        return new PastBlames(new Clones(shared.dataDir().resolve("repos"), remotes), config.maxFileBytes(),
                config.fileTimeLimit(), config.pastBlameSlots());
    }

    @Produces
    @Singleton
    RepoTrackerStartup startup(RepoTracker tracker, GitRemotes remotes, KafkaClients clients, SharedConfig shared) {
        return new RepoTrackerStartup(tracker, remotes, () -> clients.stateReader("blame-ingester-state", Map.of()),
                TrackedFromStart.parse(shared.repos().orElse(List.of()), "decisionlog.repos"));
    }

    @Produces
    @Singleton
    PushSignature pushSignature(BlameConfig config, UnsignedDeliveries unsigned) {
        return new PushSignature(config.webhookSecret(), unsigned, "decisionlog.blame.webhook-secret");
    }

    void start(@Observes StartupEvent event, RepoTrackerStartup startup, PushSignature signature) {
        this.startup = startup;
        startup.start();
        if (!signature.enabled()) {
            LOG.warnf("decisionlog.blame.webhook-secret is not set: /webhooks/push %s", signature.describe());
        }
    }

    void stop(@Observes ShutdownEvent event, RepoTrackerStartup startup) {
        startup.stop();
        if (syncThreads != null) {
            syncThreads.shutdownNow();
        }
    }

    @Scheduled(every = "${decisionlog.blame.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (startup != null && startup.restored()) {
            startup.tracker().requestSyncOfAll();
        }
    }
}
