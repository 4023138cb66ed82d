package io.decisionlog.blame.sync;

import io.decisionlog.blame.history.Skipped;
import io.decisionlog.events.Topics;
import io.decisionlog.events.TrackedRepo;
import io.decisionlog.events.errors.Conflict;
import io.decisionlog.events.kafka.AckedBatch;
import io.decisionlog.events.outbound.OutboundPolicy;
import io.decisionlog.events.webhook.PushEvent;
import org.apache.kafka.clients.producer.Producer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The tracked repositories and their syncs. Registrations and published tips live in {@code decisionlog.git.repos.v1}
 * (read back at start-up), so a restart resumes where the last acknowledged sync ended. Syncs run on a small pool
 * (blame is CPU-bound), one at a time per repository, so one slow repository cannot hold up the others; a sync
 * requested while one is queued is folded into it. Registration never fetches: the first sync does, in the background.
 */
public final class RepoTracker {
    private static final Logger LOG = Logger.getLogger(RepoTracker.class);
    /** A full sync of a large repository sends tens of thousands of records before it waits for their acks. */
    private static final Duration ACK_TIMEOUT = Duration.ofMinutes(2);

    private final Map<String, Tracked> repos = new ConcurrentHashMap<>();
    private final RepoSync sync;
    private final Producer<String, byte[]> producer;
    private final ExecutorService executor;

    public RepoTracker(RepoSync sync, Producer<String, byte[]> producer, ExecutorService executor) {
        this.sync = sync;
        this.producer = producer;
        this.executor = executor;
    }

    /** One repository: its registration as last published, and what its syncs did. */
    private static final class Tracked {
        volatile TrackedRepo repo;
        volatile String state = "registered";
        volatile String mode;
        volatile SyncProgress progress;
        volatile Instant lastSyncAt;
        volatile Long lastSyncMillis;
        volatile Integer recordsPublished;
        volatile List<Skipped> skipped = List.of();
        volatile List<String> errors = List.of();
        final AtomicBoolean queued = new AtomicBoolean();
        /** One sync or unregistration of the repository at a time. */
        final ReentrantLock lock = new ReentrantLock();
        volatile boolean removed;

        Tracked(TrackedRepo repo) {
            this.repo = repo;
        }
    }

    /** Restores the registrations read from the repos topic, without syncing. */
    public void restore(Collection<TrackedRepo> published) {
        published.forEach(repo -> repos.put(repo.repo(), new Tracked(repo)));
        LOG.infof("restored %d tracked repositories from %s", published.size(), Topics.REPOS.name());
    }

    /**
     * Registers a repository and starts its first sync in the background. Re-registering with the same URL and branch
     * keeps the published tip (nothing is blamed again); another URL or branch for a registered id is a takeover of
     * where its provenance comes from, refused unless {@code replace} says so.
     *
     * @throws Conflict when the id is registered with another URL or branch and {@code replace} is false
     */
    public SyncStatus register(TrackedRepo registration, boolean replace) {
        Tracked existing = repos.get(registration.repo());
        boolean sameSource = existing != null && existing.repo.url().equals(registration.url())
                && existing.repo.branch().equals(registration.branch());
        if (existing != null && !sameSource && !replace) {
            throw new Conflict("url", registration.repo() + " is registered with " + existing.repo.url() + " (branch "
                    + existing.repo.branch() + "); send \"replace\": true to change where its provenance comes from");
        }
        TrackedRepo repo = new TrackedRepo(registration.repo(), registration.url(), registration.branch(),
                registration.include(), registration.exclude(), sameSource ? existing.repo.tip() : null,
                sameSource ? existing.repo.syncedAt() : null);
        AckedBatch.publish(producer, ACK_TIMEOUT, Topics.REPOS, repo.repo(), repo);
        if (existing != null) {
            existing.repo = repo;
        } else {
            repos.put(repo.repo(), new Tracked(repo));
        }
        requestSync(repo.repo());
        return status(repo.repo()).orElseThrow();
    }

    /**
     * Stops tracking a repository: no more syncs, its registration tombstoned, and the blame of every file it published
     * tombstoned too, so no trace answers from a source that is gone. Its commits and chains stay: they are history,
     * and an audit must still find them. Runs after a sync in progress, never beside it.
     *
     * @return false when the repository is not tracked
     */
    public boolean unregister(String repo) throws Exception {
        Tracked tracked = repos.get(repo);
        if (tracked == null) {
            return false;
        }
        tracked.lock.lock();
        try {
            tracked.removed = true;
            sync.retract(tracked.repo, new AckedBatch(producer, ACK_TIMEOUT));
            repos.remove(repo, tracked);
            LOG.infof("%s: unregistered; its blame is retracted, its commits and chains stay", repo);
            return true;
        } finally {
            tracked.lock.unlock();
        }
    }

    /** @return false when the repository is not tracked */
    public boolean requestSync(String repo) {
        Tracked tracked = repos.get(repo);
        if (tracked == null) {
            return false;
        }
        if (tracked.queued.compareAndSet(false, true)) {
            tracked.state = "queued";
            executor.submit(() -> sync(tracked));
        }
        return true;
    }

    public void requestSyncOfAll() {
        repos.keySet().forEach(this::requestSync);
    }

    public Optional<SyncStatus> status(String repo) {
        return Optional.ofNullable(repos.get(repo)).map(RepoTracker::statusOf);
    }

    public List<SyncStatus> statuses() {
        return repos.values().stream().map(RepoTracker::statusOf)
                .sorted(Comparator.comparing(SyncStatus::repo)).toList();
    }

    /** Starts a sync of every tracked repository the push is to; returns their ids. */
    public List<String> requestSyncs(PushEvent push) {
        return repos.values().stream().map(tracked -> tracked.repo)
                .filter(repo -> push.matches(repo.repo(), repo.url(), repo.branch()))
                .map(TrackedRepo::repo).filter(this::requestSync).sorted().toList();
    }

    private void sync(Tracked tracked) {
        tracked.lock.lock();
        try {
            if (!tracked.removed) {
                syncLocked(tracked);
            }
        } finally {
            tracked.lock.unlock();
        }
    }

    private void syncLocked(Tracked tracked) {
        tracked.queued.set(false);
        SyncProgress progress = new SyncProgress(tracked.repo.repo());
        tracked.progress = progress;
        tracked.state = "syncing";
        long started = System.nanoTime();
        try {
            RepoSync.Outcome outcome = sync.run(tracked.repo, progress, new AckedBatch(producer, ACK_TIMEOUT));
            tracked.repo = outcome.published();
            tracked.mode = outcome.mode();
            tracked.recordsPublished = outcome.records();
            if (!"up to date".equals(outcome.mode())) {
                tracked.skipped = outcome.skipped();
            }
            tracked.errors = List.of();
            tracked.state = "synced";
        } catch (Exception e) {
            tracked.errors = List.of(rootMessage(e));
            tracked.state = "failed";
            LOG.warnf("%s: sync failed, retried at the next poll or push: %s", tracked.repo.repo(), rootMessage(e));
        } finally {
            tracked.lastSyncAt = Instant.now();
            tracked.lastSyncMillis = (System.nanoTime() - started) / 1_000_000;
        }
    }

    private static SyncStatus statusOf(Tracked tracked) {
        SyncProgress progress = tracked.progress;
        TrackedRepo repo = tracked.repo;
        return new SyncStatus(repo.repo(), OutboundPolicy.withoutPassword(repo.url()), repo.branch(), tracked.state, repo.tip(), tracked.mode,
                progress == null ? 0 : progress.done(), progress == null ? 0 : progress.total(),
                progress == null ? null : progress.percent(), tracked.lastSyncAt, tracked.lastSyncMillis,
                tracked.recordsPublished, tracked.skipped, tracked.errors);
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        return root == e ? message : e.getMessage() + " (" + message + ")";
    }
}
