package io.decisionlog.minutes.wiring;

import io.decisionlog.minutes.publish.StateLoader;
import io.decisionlog.minutes.sync.Registration;
import io.decisionlog.minutes.sync.SourceRegistry;
import io.decisionlog.minutes.sync.SyncScheduler;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;

/**
 * Start-up in the background: read the state topics (retrying until Kafka and the topics are there), register the
 * configured sources, then sync everything and start polling. Ready once the state is read, so that no sync ever
 * runs on an empty memory and publishes again what is already on the topics.
 */
public final class Startup implements Runnable {
    private static final Logger LOG = Logger.getLogger(Startup.class);

    private final StateLoader loader;
    private final SourceRegistry registry;
    private final SyncScheduler scheduler;
    private final List<Registration> configured;
    private final Duration pollInterval;
    private volatile boolean ready;
    private volatile String status = "reading the state topics";
    private volatile boolean stopping;

    public Startup(StateLoader loader, SourceRegistry registry, SyncScheduler scheduler, List<Registration> configured,
                   Duration pollInterval) {
        this.loader = loader;
        this.registry = registry;
        this.scheduler = scheduler;
        this.configured = configured;
        this.pollInterval = pollInterval;
    }

    public boolean ready() {
        return ready;
    }

    public String status() {
        return status;
    }

    public void stop() {
        stopping = true;
    }

    @Override
    public void run() {
        while (!stopping) {
            try {
                StateLoader.Snapshot snapshot = loader.load();
                registry.restore(snapshot.sources().values(), snapshot.filesBySource());
                configured.forEach(registry::register);
                ready = true;
                status = "state read: " + snapshot.sources().size() + " sources restored, " + configured.size() + " configured";
                scheduler.requestAll();
                scheduler.startPolling(pollInterval);
                return;
            } catch (RuntimeException e) {
                status = "cannot read the state topics yet: " + e.getMessage();
                LOG.warnf("%s; retrying in 2 s", status);
                try {
                    Thread.sleep(2_000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
