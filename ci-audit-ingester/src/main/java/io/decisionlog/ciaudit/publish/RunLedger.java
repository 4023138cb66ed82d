package io.decisionlog.ciaudit.publish;

import io.decisionlog.events.CiRun;
import io.decisionlog.events.CiRunOrder;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The newest known record of each run attempt and the dispatches already published, derived from the topics
 * themselves (read at start-up and followed afterwards), never from a database of the ingester's own. It keeps
 * the compacted runs topic right: a stale status or a redelivery is not published, so the latest record per key
 * is always the newest status. Runs not received within the retention are forgotten (late deliveries come sooner).
 */
public final class RunLedger {
    /**
     * Only what the ordering rule and the retention look at, not the whole record: a ledger of a million runs then
     * fits in about a hundred megabytes.
     */
    private record Seen(byte progress, Instant updatedAt, Instant receivedAt) {
        static Seen of(CiRun run) {
            return new Seen((byte) CiRunOrder.progress(run), run.updatedAt(),
                    run.receivedAt() != null ? run.receivedAt() : run.updatedAt());
        }

        boolean supersedes(Seen current) {
            return CiRunOrder.supersedes(progress, updatedAt, current.progress, current.updatedAt);
        }
    }

    private final Map<String, Seen> runs = new ConcurrentHashMap<>();
    private final Map<String, Instant> dispatches = new ConcurrentHashMap<>();
    private final Duration retention;

    public RunLedger(Duration retention) {
        this.retention = retention;
    }

    /** True when the run is newer than anything recorded for its key, so it must be published. */
    public boolean isNews(CiRun run) {
        Seen current = runs.get(run.key());
        return current == null || Seen.of(run).supersedes(current);
    }

    public boolean knowsDispatch(String key) {
        return dispatches.containsKey(key);
    }

    /** Records what was published here or read from the topic; an older record never replaces a newer one. */
    public void record(CiRun run) {
        runs.merge(run.key(), Seen.of(run), (current, candidate) -> candidate.supersedes(current) ? candidate : current);
    }

    public void forgetRun(String key) {
        runs.remove(key);
    }

    public void recordDispatch(String key, Instant receivedAt) {
        dispatches.put(key, receivedAt == null ? Instant.EPOCH : receivedAt);
    }

    public void forgetDispatch(String key) {
        dispatches.remove(key);
    }

    /** Drops what is older than the retention; returns how many entries were dropped. */
    public int evictOlderThan(Instant now) {
        Instant horizon = now.minus(retention);
        int before = runs.size() + dispatches.size();
        runs.values().removeIf(seen -> seen.receivedAt() == null || seen.receivedAt().isBefore(horizon));
        dispatches.values().removeIf(receivedAt -> receivedAt.isBefore(horizon));
        return before - runs.size() - dispatches.size();
    }

    public int size() {
        return runs.size() + dispatches.size();
    }
}
