package io.decisionlog.blame.sync;

import io.decisionlog.events.Topics;
import io.decisionlog.events.TrackedRepo;
import io.decisionlog.events.kafka.GroupLease;
import io.decisionlog.events.kafka.LatestByKey;
import io.decisionlog.events.kafka.Retrying;
import io.decisionlog.kit.config.TrackedFromStart;
import io.decisionlog.kit.git.GitRemotes;
import org.apache.kafka.clients.consumer.Consumer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * What happens when this instance takes the lease (and is the one that syncs), off the lease's thread and retried
 * until the broker answers: restore the registrations from the repos topic, register the configured repositories
 * ({@code decisionlog.repos}), and sync everything (each sync publishes only what is new). Until the registrations are
 * restored a sync would publish everything again. When the lease goes, the tracker stands by.
 */
public final class RepoTrackerStartup implements GroupLease.Holder {
    private static final Logger LOG = Logger.getLogger(RepoTrackerStartup.class);
    private static final Duration READ_LIMIT = Duration.ofSeconds(30);
    /**
     * How long a release waits for running syncs to stop: they stop at their next file or record, so seconds; the
     * group hands the lease on only after it.
     */
    private static final Duration SYNCS_STOP_LIMIT = Duration.ofSeconds(10);

    private final RepoTracker tracker;
    private final GitRemotes remotes;
    private final Supplier<Consumer<String, byte[]>> consumers;
    private final List<TrackedFromStart> configured;
    /** Orders a take-over against a release that comes while the registrations are still being read. */
    private final Object transitions = new Object();
    private boolean leaseHeld;
    private Retrying takingOver;
    private volatile boolean restored;

    public RepoTrackerStartup(RepoTracker tracker, GitRemotes remotes, Supplier<Consumer<String, byte[]>> consumers,
                              List<TrackedFromStart> configured) {
        this.tracker = tracker;
        this.remotes = remotes;
        this.consumers = consumers;
        this.configured = configured;
    }

    @Override
    public void acquired() {
        synchronized (transitions) {
            leaseHeld = true;
            takingOver = Retrying.start("blame-takeover", Duration.ofSeconds(1), this::restoreAndSync);
        }
    }

    @Override
    public void released() {
        synchronized (transitions) {
            leaseHeld = false;
            restored = false;
            if (takingOver != null) {
                takingOver.stop();
                takingOver = null;
            }
        }
        tracker.standBy(SYNCS_STOP_LIMIT);
        LOG.info("standing by: another instance holds the lease and syncs");
    }

    /** True once this instance holds the lease and restored the registrations: it syncs. */
    public boolean restored() {
        return restored;
    }

    public RepoTracker tracker() {
        return tracker;
    }

    private void restoreAndSync() {
        Collection<TrackedRepo> published = LatestByKey.read(consumers.get(), Topics.REPOS, READ_LIMIT).values();
        synchronized (transitions) {
            if (!leaseHeld || Thread.currentThread().isInterrupted()) {
                return;
            }
            tracker.takeOver(published);
            restored = true;
        }
        configured.forEach(this::registerConfigured);
        tracker.requestSyncOfAll();
    }

    private void registerConfigured(TrackedFromStart entry) {
        try {
            String url = remotes.check(entry.url()).display();
            // the operator's own setting: it may move a repository to another URL
            tracker.register(new TrackedRepo(entry.id(), url, entry.branch(), List.of(), List.of(), null, null), true);
        } catch (Exception e) {
            LOG.errorf("cannot track %s from decisionlog.repos: %s", entry.id(), RepoTracker.rootMessage(e));
        }
    }
}
