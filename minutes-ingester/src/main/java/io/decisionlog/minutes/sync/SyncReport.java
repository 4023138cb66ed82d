package io.decisionlog.minutes.sync;

import io.decisionlog.events.WireFormat;

/** What one sync did, for the log line, the REST answer and the status. */
@WireFormat
public record SyncReport(String source, String commit, boolean changed, int filesRead, int decisionsPublished,
                         int tombstones, int filesRejected, int rejectionsCleared, long millis, long fetchMillis,
                         long readMillis, long publishMillis) {

    static SyncReport unchanged(String source, String commit, long millis) {
        return new SyncReport(source, commit, false, 0, 0, 0, 0, 0, millis, millis, 0, 0);
    }

    static SyncReport failed(String source, String commit) {
        return new SyncReport(source, commit, false, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    public String summary() {
        return String.format("%s at %s: %d files read, %d decisions published, %d tombstones, %d files rejected,"
                        + " %d rejections cleared, %d ms (fetch %d, read %d, publish %d)", source,
                commit == null ? "-" : commit.substring(0, Math.min(12, commit.length())), filesRead, decisionsPublished,
                tombstones, filesRejected, rejectionsCleared, millis, fetchMillis, readMillis, publishMillis);
    }
}
