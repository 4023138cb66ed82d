package io.decisionlog.minutes.sync;

import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Background syncs on one thread: the poll every interval (0: off), and syncs requested by push webhooks, which
 * answer before the fetch (GitHub waits 10 s at most).
 */
public final class SyncScheduler implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SyncScheduler.class);

    private final SourceRegistry registry;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "minutes-sync");
        thread.setDaemon(true);
        return thread;
    });

    public SyncScheduler(SourceRegistry registry) {
        this.registry = registry;
    }

    public void startPolling(Duration interval) {
        if (interval.isZero() || interval.isNegative()) {
            LOG.info("polling is off (decisionlog.minutes.poll-interval=0): sources sync on webhooks and REST calls");
            return;
        }
        executor.scheduleWithFixedDelay(this::syncAll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void request(String source) {
        executor.execute(() -> registry.sync(source));
    }

    public void requestAll() {
        executor.execute(this::syncAll);
    }

    private void syncAll() {
        try {
            registry.syncAll();
        } catch (RuntimeException e) {
            // the next round must still come: a scheduled task that throws is never run again
            LOG.warnf("polling the minutes sources failed: %s", e.getMessage());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
