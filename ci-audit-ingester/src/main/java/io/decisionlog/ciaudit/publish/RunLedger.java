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
    private final Map<String, CiRun> runs = new ConcurrentHashMap<>();
    private final Map<String, Instant> dispatches = new ConcurrentHashMap<>();
    private final Duration retention;

    public RunLedger(Duration retention) {
        this.retention = retention;
    }

    /** True when the run is newer than anything recorded for its key, so it must be published. */
    public boolean isNews(CiRun run) {
        return CiRunOrder.supersedes(run, runs.get(run.key()));
    }

    public boolean knowsDispatch(String key) {
        return dispatches.containsKey(key);
    }

    /** Records what was published here or read from the topic; an older record never replaces a newer one. */
    public void record(CiRun run) {
        runs.merge(run.key(), run, (current, candidate) -> CiRunOrder.supersedes(candidate, current) ? candidate : current);
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
        runs.values().removeIf(run -> lastSeen(run).isBefore(horizon));
        dispatches.values().removeIf(receivedAt -> receivedAt.isBefore(horizon));
        return before - runs.size() - dispatches.size();
    }

    public int size() {
        return runs.size() + dispatches.size();
    }

    private static Instant lastSeen(CiRun run) {
        Instant seen = run.receivedAt() != null ? run.receivedAt() : run.updatedAt();
        return seen == null ? Instant.EPOCH : seen;
    }
}
