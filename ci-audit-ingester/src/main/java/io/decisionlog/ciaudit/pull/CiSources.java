package io.decisionlog.ciaudit.pull;

import io.decisionlog.events.CiSource;
import io.decisionlog.events.Topics;
import io.decisionlog.events.kafka.AckedBatch;
import org.apache.kafka.clients.producer.Producer;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The registered CI sources and their pulls: each source passes every {@code interval} on a small pool (a pass that
 * stopped at a rate limit goes on once it lifts), one pass at a time per source. Registrations and progress live on
 * the compacted {@link Topics#CI_SOURCES} (restored at start), so a restart resumes every backfill where it stopped.
 */
public final class CiSources {
    private static final Logger LOG = Logger.getLogger(CiSources.class);
    private static final Duration ACK_WAIT = Duration.ofSeconds(10);

    /** Makes the API of a source, with its client (one per source: its conditional-request cache and counters). */
    public interface Apis {
        RunsApi of(CiSource source, ApiClient client);

        ApiClient client();
    }

    private static final class Entry {
        volatile CiSource source;
        final ApiClient client;
        volatile boolean running;
        volatile Instant rateLimitedUntil;
        volatile ScheduledFuture<?> next;

        Entry(CiSource source, ApiClient client) {
            this.source = source;
            this.client = client;
        }
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Producer<String, byte[]> producer;
    private final Apis apis;
    private final PullPass.Publisher publisher;
    private final Clock clock;
    private final ScheduledExecutorService pool;

    public CiSources(Producer<String, byte[]> producer, Apis apis, PullPass.Publisher publisher, Clock clock, int threads) {
        this.producer = producer;
        this.apis = apis;
        this.publisher = publisher;
        this.clock = clock;
        this.pool = Executors.newScheduledThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "ci-pull");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The sources as the topic last had them; each starts its passes (a backfill in the middle goes on). */
    public void restore(Collection<CiSource> sources) {
        for (CiSource source : sources) {
            Entry entry = new Entry(source, apis.client());
            // a registration made while the topic was being read is newer than what the topic had
            if (entries.putIfAbsent(source.id(), entry) == null) {
                schedule(entry, Duration.ZERO);
            }
        }
        LOG.infof("%d CI source(s) restored", sources.size());
    }

    /** Publishes the registration (keeping the progress of the same API) and starts its first pass at once. */
    public SourceStatus register(CiSource registration) {
        Entry previous = entries.get(registration.id());
        CiSource source = previous != null && previous.source.sameApi(registration)
                ? new CiSource(registration.id(), registration.provider(), registration.repo(), registration.apiUrl(),
                registration.project(), registration.credentialsRef(), registration.interval(), registration.lookback(),
                previous.source.backfillFrom(), previous.source.pulledUntil(), previous.source.lastPullAt(),
                previous.source.lastError(), previous.source.runsSeen())
                : registration;
        save(source);
        if (previous != null && previous.next != null) {
            previous.next.cancel(false);
        }
        Entry entry = new Entry(source, previous != null && previous.source.sameApi(registration) ? previous.client
                : apis.client());
        entries.put(source.id(), entry);
        schedule(entry, Duration.ZERO);
        return status(entry);
    }

    public boolean unregister(String id) {
        Entry entry = entries.remove(id);
        if (entry == null) {
            return false;
        }
        if (entry.next != null) {
            entry.next.cancel(false);
        }
        AckedBatch.publish(producer, ACK_WAIT, Topics.CI_SOURCES, id, null);
        return true;
    }

    /** Starts a pass now unless one runs. */
    public boolean requestPull(String id) {
        Entry entry = entries.get(id);
        if (entry == null) {
            return false;
        }
        if (!entry.running) {
            if (entry.next != null) {
                entry.next.cancel(false);
            }
            schedule(entry, Duration.ZERO);
        }
        return true;
    }

    public Optional<SourceStatus> status(String id) {
        return Optional.ofNullable(entries.get(id)).map(this::status);
    }

    public List<SourceStatus> statuses() {
        return entries.values().stream().map(this::status).sorted(Comparator.comparing(SourceStatus::id)).toList();
    }

    public Optional<CiSource> source(String id) {
        return Optional.ofNullable(entries.get(id)).map(entry -> entry.source);
    }

    public void stop() {
        pool.shutdownNow();
    }

    private SourceStatus status(Entry entry) {
        return SourceStatus.of(entry.source, clock.instant(), entry.running, entry.rateLimitedUntil, entry.client);
    }

    private void schedule(Entry entry, Duration delay) {
        entry.next = pool.schedule(() -> pass(entry), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void pass(Entry entry) {
        if (entries.get(entry.source.id()) != entry) {
            return; // unregistered or replaced since
        }
        entry.running = true;
        Duration next = entry.source.interval();
        try {
            PullPass.Outcome outcome = PullPass.run(entry.source, apis.of(entry.source, entry.client), clock, publisher,
                    source -> saveIfCurrent(entry, source));
            entry.rateLimitedUntil = outcome.rateLimitedUntil();
            if (outcome.rateLimitedUntil() != null) {
                next = max(next, Duration.between(clock.instant(), outcome.rateLimitedUntil()));
            }
            outcome.refused().forEach(reason -> LOG.warnf("CI source %s: a run was not read: %s", entry.source.id(), reason));
            LOG.infof("CI source %s: %d run(s) read, %d new or newer, pulled until %s%s", entry.source.id(),
                    outcome.runs(), outcome.published(), outcome.source().pulledUntil(),
                    outcome.rateLimitedUntil() == null ? "" : "; rate limited until " + outcome.rateLimitedUntil());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            LOG.errorf("CI source %s: the pass failed (the next one in %s): %s", entry.source.id(), next, e.getMessage());
            try {
                saveIfCurrent(entry, entry.source.withProgress(entry.source.pulledUntil(), clock.instant(), e.getMessage(),
                        entry.source.runsSeen()));
            } catch (RuntimeException saveFailed) {
                LOG.errorf("CI source %s: cannot save its state: %s", entry.source.id(), saveFailed.getMessage());
            }
        } finally {
            entry.running = false;
        }
        if (entries.get(entry.source.id()) == entry && !pool.isShutdown()) {
            schedule(entry, next);
        }
    }

    private void saveIfCurrent(Entry entry, CiSource source) {
        if (entries.get(source.id()) == entry) {
            save(source);
            entry.source = source;
        }
    }

    private void save(CiSource source) {
        AckedBatch.publish(producer, ACK_WAIT, Topics.CI_SOURCES, source.id(), source);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
