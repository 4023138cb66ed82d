package io.decisionlog.blame.wiring;

import io.decisionlog.blame.config.BlameConfig;
import io.decisionlog.blame.git.Clones;
import io.decisionlog.blame.git.CommitRecords;
import io.decisionlog.blame.sync.PublishedBlames;
import io.decisionlog.blame.sync.RepoSync;
import io.decisionlog.blame.sync.RepoTracker;
import io.decisionlog.blame.sync.RepoTrackerStartup;
import io.decisionlog.events.ClientConfigs;
import io.decisionlog.events.DecisionIds;
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
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Builds the plain classes of git/, history/ and sync/ from configuration; the only place that knows CDI. */
@ApplicationScoped
public class BlameBeans {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "decisionlog.data-dir")
    String dataDir;

    @ConfigProperty(name = "decisionlog.kafka.replication-factor")
    short replicationFactor;

    @ConfigProperty(name = "decisionlog.decision-id.pattern")
    String decisionIdPattern;

    /** Repositories to track from the start: {@code owner/name=url[#branch]}, comma-separated. */
    @ConfigProperty(name = "decisionlog.repos")
    Optional<List<String>> configuredRepos;

    private final ExecutorService syncThread = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "blame-sync");
        thread.setDaemon(true);
        return thread;
    });

    @Produces
    @Singleton
    KafkaProducer<String, byte[]> producer() {
        Map<String, Object> config = ClientConfigs.durableProducer(bootstrapServers, "blame-ingester");
        // blame records are text and compress several-fold; batches of many small commit records too
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 262_144);
        return new KafkaProducer<>(config);
    }

    void closeProducer(@Disposes KafkaProducer<String, byte[]> producer) {
        producer.close(Duration.ofSeconds(10));
    }

    @Produces
    @Singleton
    RepoTracker tracker(BlameConfig config, KafkaProducer<String, byte[]> producer) {
        Clones clones = new Clones(Path.of(dataDir).resolve("repos"), (int) config.fetchTimeout().toSeconds(),
                config.httpsToken());
        RepoSync sync = new RepoSync(clones, new PublishedBlames(Path.of(dataDir).resolve("blame")),
                new CommitRecords(new DecisionIds(decisionIdPattern)), config.maxFileBytes(), config.fileTimeLimit(),
                Clock.systemUTC());
        return new RepoTracker(clones, sync, producer, syncThread);
    }

    private volatile RepoTrackerStartup startup;

    @Produces
    @Singleton
    RepoTrackerStartup startup(RepoTracker tracker) {
        return new RepoTrackerStartup(tracker, bootstrapServers, replicationFactor, configuredRepos.orElse(List.of()));
    }

    void start(@Observes StartupEvent event, RepoTrackerStartup startup) {
        this.startup = startup;
        Thread thread = new Thread(startup, "blame-startup");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        syncThread.shutdownNow();
    }

    @Scheduled(every = "${decisionlog.blame.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (startup != null && startup.restored()) {
            startup.tracker().requestSyncOfAll();
        }
    }
}
