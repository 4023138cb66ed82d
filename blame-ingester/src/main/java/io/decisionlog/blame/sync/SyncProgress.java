package io.decisionlog.blame.sync;

import org.jboss.logging.Logger;

import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Files blamed so far in a running sync, with an INFO line every few seconds: done/total, rate and ETA. Also where a
 * sync whose instance lost the lease stops blaming: at the next file, rather than after minutes of work nobody takes.
 */
final class SyncProgress {
    private static final Logger LOG = Logger.getLogger(SyncProgress.class);
    private static final long LOG_EVERY_NANOS = 5_000_000_000L;

    private final String repo;
    private final BooleanSupplier underLease;
    private final long started = System.nanoTime();
    private long lastLog = started;
    private volatile int done;
    private volatile int total;

    SyncProgress(String repo, BooleanSupplier underLease) {
        this.repo = repo;
        this.underLease = underLease;
    }

    /** @throws CancellationException once the lease the sync runs under has ended */
    void update(int filesDone, int filesTotal) {
        if (!underLease.getAsBoolean()) {
            throw new CancellationException("stopped after " + filesDone + " of " + filesTotal
                    + " files: this instance no longer holds the lease");
        }
        done = filesDone;
        total = filesTotal;
        long now = System.nanoTime();
        if (now - lastLog > LOG_EVERY_NANOS && filesTotal > 0) {
            lastLog = now;
            double seconds = (now - started) / 1e9;
            double rate = filesDone / Math.max(seconds, 0.001);
            LOG.infof("%s: blamed %d/%d files (%.1f%%), %.0f files/s, ETA %.0f s", repo, filesDone, filesTotal,
                    percent(), rate, rate > 0 ? (filesTotal - filesDone) / rate : Double.NaN);
        }
    }

    int done() {
        return done;
    }

    int total() {
        return total;
    }

    double percent() {
        return total == 0 ? 0 : Math.round(1000.0 * done / total) / 10.0;
    }
}
