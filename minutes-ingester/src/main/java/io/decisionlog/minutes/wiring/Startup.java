package io.decisionlog.minutes.wiring;

import io.decisionlog.events.kafka.Retrying;
import io.decisionlog.minutes.publish.StateLoader;
import io.decisionlog.minutes.sync.Registration;
import io.decisionlog.minutes.sync.SourceRegistry;
import io.decisionlog.minutes.sync.SyncScheduler;

import java.time.Duration;
import java.util.List;

/**
 * Start-up in the background, retried until Kafka and the topics are there: read the state topics, register the
 * configured sources, then sync everything and start polling. Ready once the state is read, so that no sync ever runs
 * on an empty memory and publishes again what is already on the topics.
 */
public final class Startup {
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

    private final StateLoader loader;
    private final SourceRegistry registry;
    private final SyncScheduler scheduler;
    private final List<Registration> configured;
    private final Duration pollInterval;
    private volatile Retrying restoring;
    private volatile String status = "reading the state topics";

    public Startup(StateLoader loader, SourceRegistry registry, SyncScheduler scheduler, List<Registration> configured,
                   Duration pollInterval) {
        this.loader = loader;
        this.registry = registry;
        this.scheduler = scheduler;
        this.configured = configured;
        this.pollInterval = pollInterval;
    }

    public void start() {
        restoring = Retrying.start("minutes-startup", RETRY_PAUSE, this::restore);
    }

    public void stop() {
        Retrying running = restoring;
        if (running != null) {
            running.stop();
        }
    }

    public boolean ready() {
        Retrying running = restoring;
        return running != null && running.done();
    }

    public String status() {
        Retrying running = restoring;
        String failure = running == null ? null : running.lastFailure();
        return failure == null ? status : "cannot read the state topics yet: " + failure;
    }

    private void restore() {
        StateLoader.Snapshot snapshot = loader.load();
        registry.restore(snapshot.sources().values(), snapshot.filesBySource());
        configured.forEach(source -> registry.register(source, true));
        status = "state read: " + snapshot.sources().size() + " sources restored, " + configured.size() + " configured";
        scheduler.requestAll();
        scheduler.startPolling(pollInterval);
    }
}
