package io.decisionlog.blame.sync;

import io.decisionlog.blame.history.Skipped;
import io.decisionlog.events.Topics;
import io.decisionlog.events.TrackedRepo;
import io.decisionlog.events.errors.Conflict;
import io.decisionlog.events.errors.Standby;
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
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * The tracked repositories and their syncs. Registrations and published tips live in {@code decisionlog.git.repos.v1}
 * (read back at start-up), so a restart resumes where the last acknowledged sync ended. Syncs run on a small pool
 * (blame is CPU-bound), one at a time per repository, so one slow repository cannot hold up the others; a sync
 * requested while one is queued is folded into it. Registration never fetches: the first sync does, in the background.
 * <p>
 * Only the instance holding the lease syncs ({@link #takeOver}); on standby ({@link #standBy}) every request to
 * register, sync or unregister is refused with {@link Standby}, and nothing is published.
 */
public final class RepoTracker {
    private static final Logger LOG = Logger.getLogger(RepoTracker.class);
    /** A full sync of a large repository sends tens of thousands of records before it waits for their acks. */
    private static final Duration ACK_TIMEOUT = Duration.ofMinutes(2);
    private static final String ON_STANDBY = "this blame-ingester is on standby: another instance holds the lease and "
            + "does the syncs (or this one is still taking over); send the request to the instance that is ready";

    private final Map<String, Tracked> repos = new ConcurrentHashMap<>();
    /**
     * Held while a registration, or the tip a sync reached, is published: so the topic's last word on a repository
     * is never a sync of a source that was replaced while it ran. Each holds it for one acknowledged record.
     */
    private final Object registrations = new Object();
    private final RepoSync sync;
    private final Producer<String, byte[]> producer;
    private final ExecutorService executor;
    /**
     * The term of the lease this instance syncs under, new at each take-over; null on standby. A sync runs under the
     * term it started in: once that term ends, it publishes nothing more.
     */
    private volatile Object term;

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
        /** A replaced registration whose published blame the next sync retracts first (null: none). */
        volatile TrackedRepo replaced;
        final AtomicBoolean queued = new AtomicBoolean();
        /** One sync or unregistration of the repository at a time. */
        final ReentrantLock lock = new ReentrantLock();
        volatile boolean removed;

        Tracked(TrackedRepo repo) {
            this.repo = repo;
        }
    }

    /**
     * Takes over as the instance that syncs, with the registrations read from the repos topic: they replace what this
     * instance knew, since another instance may have registered, synced or unregistered repositories while this one
     * stood by. Starts no sync by itself.
     */
    public void takeOver(Collection<TrackedRepo> published) {
        Set<String> ids = published.stream().map(TrackedRepo::repo).collect(Collectors.toSet());
        synchronized (registrations) {
            repos.values().stream().filter(tracked -> !ids.contains(tracked.repo.repo()))
                    .forEach(tracked -> tracked.removed = true);
            repos.keySet().retainAll(ids);
            // the same Tracked where there was one: its lock still keeps a sync of the last term from running beside
            published.forEach(repo -> repos.compute(repo.repo(),
                    (id, known) -> known == null || known.removed ? new Tracked(repo) : known).repo = repo);
            term = new Object();
        }
        LOG.infof("took over %d tracked repositories from %s", published.size(), Topics.REPOS.name());
    }

    /**
     * Stands by: no sync starts, a queued one is dropped, and a running one stops at its next step (the next file of
     * its walk, or the next record it would publish), leaving the tip last published, from which the holder of the
     * lease goes on. Returns once the running syncs have stopped, or after {@code limit}: either way they publish
     * nothing more, the term they ran under has ended.
     */
    public void standBy(Duration limit) {
        synchronized (registrations) {
            // a registration being published finishes first: the next holder reads it back when it takes over
            term = null;
        }
        long deadline = System.nanoTime() + limit.toNanos();
        try {
            for (Tracked tracked : repos.values()) {
                if (tracked.lock.tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    tracked.lock.unlock();
                } else {
                    LOG.warnf("%s: its sync is still stopping; it publishes nothing more", tracked.repo.repo());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** True while this instance holds the lease and has taken over. */
    public boolean active() {
        return term != null;
    }

    private Object requireActive() {
        Object current = term;
        if (current == null) {
            throw new Standby(ON_STANDBY);
        }
        return current;
    }

    /** Whether work begun under {@code started} may still publish: its term has not ended. */
    private BooleanSupplier underTerm(Object started) {
        return () -> term == started;
    }

    /**
     * Registers a repository and starts its first sync in the background. Re-registering with the same URL, branch
     * and path rules keeps the published tip (nothing is blamed again). Another URL or branch for a registered id is a
     * takeover of where its provenance comes from, refused unless {@code replace} says so; another source or other
     * path rules start again from nothing, and the next sync first retracts the blame published under the old ones.
     *
     * @throws Conflict when the id is registered with another URL or branch and {@code replace} is false
     * @throws Standby when this instance does not hold the lease
     */
    public SyncStatus register(TrackedRepo registration, boolean replace) {
        synchronized (registrations) {
            requireActive();
            Tracked existing = repos.get(registration.repo());
            TrackedRepo before = existing == null ? null : existing.repo;
            if (before != null && !sameSource(before, registration) && !replace) {
                throw new Conflict("url", registration.repo() + " is registered with " + before.url() + " (branch "
                        + before.branch() + "); send \"replace\": true to change where its provenance comes from");
            }
            boolean keepsTip = before != null && sameSource(before, registration) && sameRules(before, registration);
            TrackedRepo repo = registration.at(keepsTip ? before.tip() : null, keepsTip ? before.syncedAt() : null);
            AckedBatch.publish(producer, ACK_TIMEOUT, Topics.REPOS, repo.repo(), repo);
            if (existing == null) {
                repos.put(repo.repo(), new Tracked(repo));
            } else {
                if (!keepsTip && existing.replaced == null && before.tip() != null) {
                    existing.replaced = before;
                }
                existing.repo = repo;
            }
        }
        queueSync(registration.repo());
        return status(registration.repo()).orElseThrow();
    }

    private static boolean sameSource(TrackedRepo a, TrackedRepo b) {
        return a.url().equals(b.url()) && a.branch().equals(b.branch());
    }

    /** The same files, blamed the same way: other rules or other ignored revisions start again from nothing. */
    private static boolean sameRules(TrackedRepo a, TrackedRepo b) {
        return a.include().equals(b.include()) && a.exclude().equals(b.exclude())
                && a.ignoreRevs().equals(b.ignoreRevs()) && Objects.equals(a.allowedSigners(), b.allowedSigners())
                && Objects.equals(a.pgpKeyring(), b.pgpKeyring());
    }

    /**
     * Stops tracking a repository: no more syncs, its registration tombstoned, and the blame of every file it published
     * tombstoned too, so no trace answers from a source that is gone. Its commits and chains stay: they are history,
     * and an audit must still find them. Runs after a sync in progress, never beside it.
     *
     * @return false when the repository is not tracked
     * @throws Standby when this instance does not hold the lease
     */
    public boolean unregister(String repo) throws Exception {
        BooleanSupplier underLease = underTerm(requireActive());
        Tracked tracked = repos.get(repo);
        if (tracked == null) {
            return false;
        }
        tracked.lock.lock();
        try {
            tracked.removed = true;
            retractReplaced(tracked, new AckedBatch(producer, ACK_TIMEOUT, underLease));
            sync.retract(tracked.repo, new AckedBatch(producer, ACK_TIMEOUT, underLease));
            repos.remove(repo, tracked);
            LOG.infof("%s: unregistered; its blame is retracted, its commits and chains stay", repo);
            return true;
        } finally {
            tracked.lock.unlock();
        }
    }

    /**
     * @return false when the repository is not tracked
     * @throws Standby when this instance does not hold the lease
     */
    public boolean requestSync(String repo) {
        requireActive();
        return queueSync(repo);
    }

    /** The poll: every repository, while this instance holds the lease; nothing on standby. */
    public void requestSyncOfAll() {
        if (active()) {
            repos.keySet().forEach(this::queueSync);
        }
    }

    private boolean queueSync(String repo) {
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

    /** The registration as last published, with the tip its last sync reached. */
    public Optional<TrackedRepo> registration(String repo) {
        return Optional.ofNullable(repos.get(repo)).map(tracked -> tracked.repo);
    }

    public Optional<SyncStatus> status(String repo) {
        return Optional.ofNullable(repos.get(repo)).map(RepoTracker::statusOf);
    }

    public List<SyncStatus> statuses() {
        return repos.values().stream().map(RepoTracker::statusOf)
                .sorted(Comparator.comparing(SyncStatus::repo)).toList();
    }

    /**
     * Starts a sync of every tracked repository the push is to; returns their ids.
     *
     * @throws Standby when this instance does not hold the lease
     */
    public List<String> requestSyncs(PushEvent push) {
        requireActive();
        return repos.values().stream().map(tracked -> tracked.repo)
                .filter(repo -> push.matches(repo.repo(), repo.url(), repo.branch()))
                .map(TrackedRepo::repo).filter(this::queueSync).sorted().toList();
    }

    private void sync(Tracked tracked) {
        tracked.lock.lock();
        try {
            Object started = term;
            if (started == null) {
                tracked.queued.set(false);
                tracked.state = "cancelled";
            } else if (!tracked.removed) {
                syncLocked(tracked, underTerm(started));
            }
        } finally {
            tracked.lock.unlock();
        }
    }

    private void syncLocked(Tracked tracked, BooleanSupplier underLease) {
        tracked.queued.set(false);
        SyncProgress progress = new SyncProgress(tracked.repo.repo(), underLease);
        tracked.progress = progress;
        tracked.state = "syncing";
        long started = System.nanoTime();
        try {
            retractReplaced(tracked, new AckedBatch(producer, ACK_TIMEOUT, underLease));
            TrackedRepo startedFrom = tracked.repo;
            RepoSync.Outcome outcome = sync.run(startedFrom, progress, new AckedBatch(producer, ACK_TIMEOUT, underLease),
                    reached -> publishTip(tracked, startedFrom, reached, underLease));
            tracked.mode = outcome.mode();
            tracked.recordsPublished = outcome.records();
            if (!"up to date".equals(outcome.mode())) {
                tracked.skipped = outcome.skipped();
            }
            tracked.errors = List.of();
            tracked.state = "synced";
        } catch (CancellationException e) {
            tracked.errors = List.of(e.getMessage());
            tracked.state = "cancelled";
            LOG.infof("%s: sync stopped, the instance holding the lease goes on from the last published tip: %s",
                    tracked.repo.repo(), e.getMessage());
        } catch (Exception e) {
            tracked.errors = List.of(rootMessage(e));
            tracked.state = "failed";
            LOG.warnf("%s: sync failed, retried at the next poll or push: %s", tracked.repo.repo(), rootMessage(e));
        } finally {
            tracked.lastSyncAt = Instant.now();
            tracked.lastSyncMillis = (System.nanoTime() - started) / 1_000_000;
        }
    }

    private void retractReplaced(Tracked tracked, AckedBatch publisher) throws Exception {
        TrackedRepo replaced = tracked.replaced;
        if (replaced != null) {
            sync.retractBlame(replaced, publisher);
            synchronized (registrations) {
                if (tracked.replaced == replaced) {
                    tracked.replaced = null;
                }
            }
        }
    }

    /**
     * Publishes the tip a sync reached, unless its registration was replaced (another source or rules) while it ran:
     * then what it published is retracted before the replacement's sync, like the rest of the old source's blame.
     * Never once the lease's term the sync ran under has ended: the tip is what a holder goes on from.
     */
    private boolean publishTip(Tracked tracked, TrackedRepo startedFrom, TrackedRepo reached,
                               BooleanSupplier underLease) {
        synchronized (registrations) {
            if (!underLease.getAsBoolean()) {
                throw new CancellationException("stopped before publishing the tip " + reached.tip()
                        + ": this instance no longer holds the lease");
            }
            TrackedRepo latest = tracked.repo;
            if (latest != startedFrom && !(sameSource(latest, startedFrom) && sameRules(latest, startedFrom))) {
                tracked.replaced = reached;
                LOG.infof("%s: registration replaced during its sync; the tip it reached is not published",
                        reached.repo());
                return false;
            }
            TrackedRepo published = latest.at(reached.tip(), reached.syncedAt());
            AckedBatch.publish(producer, ACK_TIMEOUT, Topics.REPOS, published.repo(), published);
            tracked.repo = published;
            return true;
        }
    }

    private static SyncStatus statusOf(Tracked tracked) {
        SyncProgress progress = tracked.progress;
        TrackedRepo repo = tracked.repo;
        return new SyncStatus(repo.repo(), OutboundPolicy.withoutPassword(repo.url()), repo.branch(), tracked.state, repo.tip(), tracked.mode,
                progress == null ? 0 : progress.done(), progress == null ? 0 : progress.total(),
                progress == null ? null : progress.percent(), tracked.lastSyncAt, tracked.lastSyncMillis,
                tracked.recordsPublished, tracked.skipped, tracked.errors, repo.gate(),
                repo.requireSignoff() ? Boolean.TRUE : null);
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
