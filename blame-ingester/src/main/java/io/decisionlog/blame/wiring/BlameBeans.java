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
import io.decisionlog.events.TopicAccess;
import io.decisionlog.events.Topics;
import io.decisionlog.events.kafka.GroupLease;
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
    private volatile GroupLease lease;

    @Produces
    @Singleton
    OwnTopics topics() {
        return new OwnTopics(TopicAccess.BLAME_INGESTER.creates());
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

    /**
     * The lease on the repos topic (one partition): the instance holding it restores the registrations and syncs. Its
     * member is made like every consumer of the service ({@code kafka.*}: servers, TLS, SASL), with the group settings
     * on top.
     */
    @Produces
    @Singleton
    GroupLease lease(BlameConfig config, KafkaClients clients, RepoTrackerStartup startup) {
        return new GroupLease("blame-lease", config.lease().group(), Topics.REPOS.name(),
                config.lease().sessionTimeout(), settings -> clients.stateReader("blame-ingester-lease", settings),
                startup);
    }

    @Produces
    @Singleton
    PushSignature pushSignature(BlameConfig config, UnsignedDeliveries unsigned) {
        return new PushSignature(config.webhookSecret(), unsigned, "decisionlog.blame.webhook-secret");
    }

    void start(@Observes StartupEvent event, RepoTrackerStartup startup, GroupLease lease, PushSignature signature) {
        this.startup = startup;
        this.lease = lease;
        lease.start();
        if (!signature.enabled()) {
            LOG.warnf("decisionlog.blame.webhook-secret is not set: /webhooks/push %s", signature.describe());
        }
    }

    /** Releases the lease before the syncs' threads and the producer go, so the next holder takes over at once. */
    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        GroupLease running = lease;
        if (running != null) {
            running.stop();
        }
        if (syncThreads != null) {
            syncThreads.shutdownNow();
        }
    }

    /** Only the instance holding the lease polls: on standby the tracker is not restored, and syncs nothing. */
    @Scheduled(every = "${decisionlog.blame.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (startup != null && startup.restored()) {
            startup.tracker().requestSyncOfAll();
        }
    }
}
