package io.decisionlog.blame.sync;

import io.decisionlog.events.Topics;
import io.decisionlog.events.TrackedRepo;
import io.decisionlog.events.kafka.LatestByKey;
import io.decisionlog.events.kafka.Retrying;
import io.decisionlog.kit.config.TrackedFromStart;
import io.decisionlog.kit.git.GitRemotes;
import org.apache.kafka.clients.consumer.Consumer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * What happens at start-up, off the main thread and retried until the broker answers: restore the registrations from
 * the repos topic, register the configured repositories ({@code decisionlog.repos}), and sync everything (each
 * sync publishes only what is new). Until the registrations are restored a sync would publish everything again.
 */
public final class RepoTrackerStartup {
    private static final Logger LOG = Logger.getLogger(RepoTrackerStartup.class);
    private static final Duration READ_LIMIT = Duration.ofSeconds(30);

    private final RepoTracker tracker;
    private final GitRemotes remotes;
    private final Supplier<Consumer<String, byte[]>> consumers;
    private final List<TrackedFromStart> configured;
    private volatile Retrying restoring;
    private volatile boolean restored;

    public RepoTrackerStartup(RepoTracker tracker, GitRemotes remotes, Supplier<Consumer<String, byte[]>> consumers,
                              List<TrackedFromStart> configured) {
        this.tracker = tracker;
        this.remotes = remotes;
        this.consumers = consumers;
        this.configured = configured;
    }

    public void start() {
        restoring = Retrying.start("blame-startup", Duration.ofSeconds(1), this::restoreAndSync);
    }

    public void stop() {
        Retrying running = restoring;
        if (running != null) {
            running.stop();
        }
    }

    public boolean restored() {
        return restored;
    }

    public RepoTracker tracker() {
        return tracker;
    }

    private void restoreAndSync() {
        tracker.restore(LatestByKey.read(consumers.get(), Topics.REPOS, READ_LIMIT).values());
        restored = true;
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
