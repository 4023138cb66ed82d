package io.decisionlog.blame.sync;

import io.decisionlog.events.Topics;
import io.decisionlog.events.TrackedRepo;
import io.decisionlog.events.kafka.LatestByKey;
import io.decisionlog.events.kafka.Retrying;
import org.apache.kafka.clients.consumer.Consumer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * What happens at start-up, off the main thread and retried until the broker answers: restore the registrations from
 * the repos topic, register the configured repositories ({@code owner/name=url[#branch]}), and sync everything (each
 * sync publishes only what is new). Until the registrations are restored a sync would publish everything again.
 */
public final class RepoTrackerStartup {
    private static final Logger LOG = Logger.getLogger(RepoTrackerStartup.class);
    private static final Duration READ_LIMIT = Duration.ofSeconds(30);

    private final RepoTracker tracker;
    private final Supplier<Consumer<String, byte[]>> consumers;
    private final List<String> configured;
    private volatile Retrying restoring;
    private volatile boolean restored;

    public RepoTrackerStartup(RepoTracker tracker, Supplier<Consumer<String, byte[]>> consumers, List<String> configured) {
        this.tracker = tracker;
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
        configured.forEach(entry -> registerConfigured(entry.trim()));
        tracker.requestSyncOfAll();
    }

    private void registerConfigured(String entry) {
        int equals = entry.indexOf('=');
        if (equals <= 0) {
            LOG.errorf("decisionlog.repos entry '%s' is not owner/name=url[#branch]; ignored", entry);
            return;
        }
        String repo = entry.substring(0, equals);
        String url = entry.substring(equals + 1);
        String branch = "main";
        int hash = url.lastIndexOf('#');
        if (hash > 0) {
            branch = url.substring(hash + 1);
            url = url.substring(0, hash);
        }
        try {
            tracker.register(new TrackedRepo(repo, url, branch, List.of(), List.of(), null, null));
        } catch (Exception e) {
            LOG.errorf("cannot track %s from decisionlog.repos: %s", repo, RepoTracker.rootMessage(e));
        }
    }
}
