package io.decisionlog.ciaudit.pull;

import io.decisionlog.events.CiRun;
import io.decisionlog.events.CiSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One pass over a source: from where the last pass got to (or the backfill's start), and never later than the
 * lookback before now, up to now, window by window. The API says where windows start (at multiples of the window
 * size, so that a window asks the same URL pass after pass: a conditional request). After each window the progress
 * is saved, so a restart resumes at the first window not read.
 */
public final class PullPass {

    /** Where runs go: the publisher behind the ledger, which says whether a run was news. */
    public interface Publisher {
        boolean publish(CiRun run);

        boolean isNews(CiRun run);
    }

    /** Saves a source's progress durably (the sources topic). */
    public interface Progress {
        void save(CiSource source);
    }

    /** What a pass did. {@code rateLimitedUntil} is set when it stopped at a rate limit and goes on after it. */
    public record Outcome(CiSource source, long runs, long published, List<String> refused, Instant rateLimitedUntil) {
    }

    private PullPass() {
    }

    public static Outcome run(CiSource source, RunsApi api, Clock clock, Publisher publisher, Progress progress)
            throws ApiClient.ApiFailure, InterruptedException {
        Instant now = clock.instant();
        Instant start = start(source, now);
        Duration window = api.window();
        Counting sink = new Counting(publisher);
        CiSource current = source;
        for (Instant from = api.windowStart(start); from.isBefore(now); from = from.plus(window)) {
            Instant to = from.plus(window);
            try {
                api.pull(current, from, to, sink);
            } catch (ApiClient.RateLimited limited) {
                current = current.withProgress(current.pulledUntil(), now, limited.getMessage(), current.runsSeen() + sink.runs);
                progress.save(current);
                return new Outcome(current, sink.runs, sink.published, sink.refused, limited.until());
            } catch (ApiClient.ApiFailure failure) {
                progress.save(current.withProgress(current.pulledUntil(), now, failure.getMessage(),
                        current.runsSeen() + sink.runs));
                throw failure;
            }
            Instant reached = to.isAfter(now) ? now : to;
            if (current.pulledUntil() == null || reached.isAfter(current.pulledUntil())) {
                current = current.withProgress(reached, current.lastPullAt(), current.lastError(), current.runsSeen());
                progress.save(current);
            }
        }
        current = current.withProgress(current.pulledUntil() == null ? now : current.pulledUntil(), now, null,
                current.runsSeen() + sink.runs);
        progress.save(current);
        return new Outcome(current, sink.runs, sink.published, sink.refused, null);
    }

    /** The first pass starts at the backfill; later ones where they got to, or the lookback if that is earlier. */
    static Instant start(CiSource source, Instant now) {
        Instant lookback = now.minus(source.lookback());
        Instant reached = source.pulledUntil() == null ? source.backfillFrom() : source.pulledUntil();
        Instant start = reached.isBefore(lookback) ? reached : lookback;
        return start.isBefore(source.backfillFrom()) ? source.backfillFrom() : start;
    }

    private static final class Counting implements RunsApi.Sink {
        private final Publisher publisher;
        private final List<String> refused = new ArrayList<>();
        private long runs;
        private long published;

        Counting(Publisher publisher) {
            this.publisher = publisher;
        }

        @Override
        public void run(CiRun run) {
            runs++;
            if (publisher.publish(run)) {
                published++;
            }
        }

        @Override
        public boolean isNews(CiRun run) {
            return publisher.isNews(run);
        }

        @Override
        public void refused(String what) {
            if (refused.size() < 100) {
                refused.add(what);
            }
        }
    }
}
