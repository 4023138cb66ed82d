package io.decisionlog.minutes.sync;

import io.decisionlog.events.MinutesFileState;
import io.decisionlog.events.MinutesSourceState;
import io.decisionlog.events.errors.Conflict;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The tracked minutes sources: registered by REST or configuration, restored from the state topics at start,
 * synced one at a time per source. A source that cannot be fetched records its error; the others carry on.
 */
public final class SourceRegistry {
    private static final Logger LOG = Logger.getLogger(SourceRegistry.class);

    private final Map<String, SourceState> sources = new ConcurrentSkipListMap<>();
    private final SourceSync sync;
    private final Publisher publisher;
    private final Clock clock;

    public SourceRegistry(SourceSync sync, Publisher publisher, Clock clock) {
        this.sync = sync;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** State read back from Kafka at start: sources with the files that were published from them. */
    public void restore(Collection<MinutesSourceState> records, Map<String, List<MinutesFileState>> filesBySource) {
        for (MinutesSourceState record : records) {
            // a source registered while the state was being read is newer than what the topic says
            sources.putIfAbsent(record.source(),
                    SourceState.restored(record, filesBySource.getOrDefault(record.source(), List.of())));
        }
    }

    /**
     * Adds the source, or changes its include; another URL or branch for a registered source is a takeover of where its
     * decisions come from, refused unless {@code replace} says so (then the next sync compares every file again).
     *
     * @return true when anything changed (and was recorded on the sources topic)
     * @throws Conflict when the source is registered with another URL or branch and {@code replace} is false
     */
    public synchronized boolean register(Registration registration, boolean replace) {
        SourceState state = sources.get(registration.source());
        if (state != null && !replace && !sameRepository(state.registration(), registration)) {
            Registration known = state.registration();
            throw new Conflict("url", registration.source() + " is registered with " + known.url() + " (branch "
                    + known.branch() + "); send \"replace\": true to change where its decisions come from");
        }
        if (state != null && state.registration().equals(registration)) {
            return false;
        }
        if (state == null) {
            SourceState created = new SourceState(registration);
            record(created);
            sources.put(registration.source(), created);
            return true;
        }
        state.lock().lock();
        try {
            state.reregister(registration);
            record(state);
            return true;
        } finally {
            state.lock().unlock();
        }
    }

    private static boolean sameRepository(Registration a, Registration b) {
        return a.url().equals(b.url()) && a.branch().equals(b.branch());
    }

    /**
     * Stops tracking a source: its registration, the state of its files, and every decision it published are
     * tombstoned, so the chains no longer show minutes from a source that is gone. Runs after a sync in progress.
     *
     * @return false when the source is not registered
     */
    public boolean unregister(String source) {
        SourceState state = sources.get(source);
        if (state == null) {
            return false;
        }
        state.lock().lock();
        try {
            Publisher.Publication out = publisher.begin();
            state.owners().keySet().forEach(decisionId -> out.decision(decisionId, null));
            state.files().values().forEach(file -> out.file(file.key(), null));
            out.source(source, null);
            out.await();
            sources.remove(source, state);
            LOG.infof("unregistered %s: %d decisions and %d file states tombstoned", source, state.owners().size(),
                    state.files().size());
            return true;
        } finally {
            state.lock().unlock();
        }
    }

    private void record(SourceState state) {
        Publisher.Publication out = publisher.begin();
        out.source(state.registration().source(), state.record());
        out.await();
    }

    /** Fetches and publishes what changed; never throws for a source that cannot be fetched (see its status). */
    public Optional<SyncReport> sync(String source) {
        SourceState state = sources.get(source);
        if (state == null) {
            return Optional.empty();
        }
        state.lock().lock();
        try {
            SyncReport report = sync.sync(state, publisher);
            if (report.changed()) {
                LOG.infof("synced %s", report.summary());
            } else {
                LOG.debugf("synced %s: unchanged", source);
            }
            return Optional.of(report);
        } catch (RuntimeException e) {
            state.failed(clock.instant(), e.getMessage());
            LOG.warnf("sync of %s failed: %s", source, e.getMessage());
            return Optional.of(SyncReport.failed(source, state.commit()));
        } finally {
            state.lock().unlock();
        }
    }

    public void syncAll() {
        sources.keySet().forEach(this::sync);
    }

    public Optional<SourceState> get(String source) {
        return Optional.ofNullable(sources.get(source));
    }

    public Collection<SourceState> all() {
        return sources.values();
    }
}
