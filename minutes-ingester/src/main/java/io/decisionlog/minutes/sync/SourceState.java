package io.decisionlog.minutes.sync;

import io.decisionlog.events.MinutesFileState;
import io.decisionlog.events.MinutesSourceState;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One source as this instance knows it: registration, last synced commit, and per file what was published.
 * Syncs of a source are serialized by {@link #lock()}; they work on copies and swap them in only once Kafka
 * acknowledged everything, so readers (the status endpoint) always see one consistent state.
 */
public final class SourceState {
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Registration registration;
    private volatile String commit;
    private volatile Instant syncedAt;
    private volatile Instant lastAttempt;
    private volatile String lastError;
    private volatile SyncReport lastReport;
    private volatile Map<String, MinutesFileState> files = Map.of();
    private volatile Map<String, String> owners = Map.of();

    SourceState(Registration registration) {
        this.registration = registration;
    }

    static SourceState restored(MinutesSourceState record, Iterable<MinutesFileState> files) {
        SourceState state = new SourceState(new Registration(record.source(), record.url(), record.branch(), record.include()));
        state.commit = record.commit();
        state.syncedAt = record.syncedAt();
        Map<String, MinutesFileState> byPath = new TreeMap<>();
        Map<String, String> owners = new TreeMap<>();
        for (MinutesFileState file : files) {
            byPath.put(file.path(), file);
            file.published().keySet().forEach(id -> owners.put(id, file.path()));
        }
        state.files = byPath;
        state.owners = owners;
        return state;
    }

    ReentrantLock lock() {
        return lock;
    }

    public Registration registration() {
        return registration;
    }

    public String commit() {
        return commit;
    }

    public Instant syncedAt() {
        return syncedAt;
    }

    public Instant lastAttempt() {
        return lastAttempt;
    }

    public String lastError() {
        return lastError;
    }

    public SyncReport lastReport() {
        return lastReport;
    }

    /** Path to record, sorted by path; unmodifiable. */
    public Map<String, MinutesFileState> files() {
        return files;
    }

    /** Decision id to the path of the file that published it; unmodifiable. */
    public Map<String, String> owners() {
        return owners;
    }

    public MinutesSourceState record() {
        Registration r = registration;
        return new MinutesSourceState(r.source(), r.url(), r.branch(), r.include(), commit, syncedAt);
    }

    /** A new registration: forget the synced commit, so the next sync compares every file (by blob id). */
    void reregister(Registration registration) {
        this.registration = registration;
        this.commit = null;
    }

    void synced(String commit, Instant at, Map<String, MinutesFileState> files, Map<String, String> owners, SyncReport report) {
        this.files = Collections.unmodifiableMap(files);
        this.owners = Collections.unmodifiableMap(owners);
        this.commit = commit;
        this.syncedAt = at;
        this.lastAttempt = at;
        this.lastError = null;
        this.lastReport = report;
    }

    void failed(Instant at, String error) {
        this.lastAttempt = at;
        this.lastError = error;
    }
}
