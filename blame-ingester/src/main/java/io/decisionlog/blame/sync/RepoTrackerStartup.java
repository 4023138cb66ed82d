package io.decisionlog.blame.sync;

import io.decisionlog.events.TopicAdmin;
import io.decisionlog.events.Topics;
import io.decisionlog.events.TrackedRepo;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;

/**
 * What happens at start-up, off the main thread so a broker that is not up yet does not stop the service from
 * starting: ensure the topics, restore the registrations from the repos topic, register the configured
 * repositories ({@code owner/name=url[#branch]}), and sync everything (each sync publishes only what is new).
 */
public final class RepoTrackerStartup implements Runnable {
    private static final Logger LOG = Logger.getLogger(RepoTrackerStartup.class);

    private final RepoTracker tracker;
    private final String bootstrapServers;
    private final short replicationFactor;
    private final List<String> configured;
    private volatile boolean restored;

    public RepoTrackerStartup(RepoTracker tracker, String bootstrapServers, short replicationFactor, List<String> configured) {
        this.tracker = tracker;
        this.bootstrapServers = bootstrapServers;
        this.replicationFactor = replicationFactor;
        this.configured = configured;
    }

    public boolean restored() {
        return restored;
    }

    public RepoTracker tracker() {
        return tracker;
    }

    @Override
    public void run() {
        while (!restored) {
            try {
                LOG.info(TopicAdmin.ensureTopics(bootstrapServers, List.of(Topics.COMMITS, Topics.BLAME, Topics.REPOS),
                        replicationFactor));
                tracker.restore(RepoState.read(bootstrapServers, Duration.ofSeconds(30)));
                restored = true;
            } catch (RuntimeException e) {
                LOG.warnf("cannot read the tracked repositories yet (%s); retrying in 5 s", e.getMessage());
                if (!pause()) {
                    return;
                }
            }
        }
        for (String entry : configured) {
            registerConfigured(entry.trim());
        }
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

    private static boolean pause() {
        try {
            Thread.sleep(5_000);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
