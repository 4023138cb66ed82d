package io.decisionlog.blame.sync;

import org.jboss.logging.Logger;

/** Files blamed so far in a running sync, with an INFO line every few seconds: done/total, rate and ETA. */
final class SyncProgress {
    private static final Logger LOG = Logger.getLogger(SyncProgress.class);
    private static final long LOG_EVERY_NANOS = 5_000_000_000L;

    private final String repo;
    private final long started = System.nanoTime();
    private long lastLog = started;
    private volatile int done;
    private volatile int total;

    SyncProgress(String repo) {
        this.repo = repo;
    }

    void update(int filesDone, int filesTotal) {
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
