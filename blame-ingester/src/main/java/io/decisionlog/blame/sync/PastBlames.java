package io.decisionlog.blame.sync;

import io.decisionlog.blame.git.Clones;
import io.decisionlog.blame.git.IgnoreRevs;
import io.decisionlog.blame.git.Revisions;
import io.decisionlog.blame.history.FileBlame;
import io.decisionlog.blame.history.LineLog;
import io.decisionlog.blame.history.RepositoryBlame;
import io.decisionlog.blame.history.Skipped;
import io.decisionlog.events.BlameFile;
import io.decisionlog.events.LineHistory;
import io.decisionlog.events.TrackedRepo;
import io.decisionlog.events.errors.BadRequest;
import io.decisionlog.events.errors.Busy;
import io.decisionlog.events.errors.NotFound;
import io.decisionlog.events.errors.Unprocessable;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The blame of one file as of a past commit of the tracked branch, computed when asked: the same walk as a sync's
 * ({@link RepositoryBlame}: git blame's rename settings, its diff), started at that commit and restricted to the one
 * path, under the same per-file time limit, ignoring the revisions the tip's ignore-revs file and the registration
 * name. Why on demand and not kept from the ingest: a sync's walk passes every commit once, but keeping each file's
 * blame at each commit would store a blame per file version (hundreds of thousands of rows in a config repository
 * with ten thousand commits) for the few revisions anyone asks about, and a one-path walk costs a small multiple of
 * {@code git blame REV -- PATH}. A past blame at a commit changes only with the ignored revisions, so answers are
 * cached by tip, commit and path; at most {@code slots} are computed at once (blame is CPU-bound), the others wait
 * for a slot as long as the time limit, then get a 503.
 */
public final class PastBlames {
    private static final int CACHED = 32;
    private static final int MAX_PATH = 4096;
    /** A line changed more often than this is listed up to here, the answer saying it is not complete. */
    static final int MAX_CHANGES = 500;

    private final Clones clones;
    private final long maxFileBytes;
    private final Duration timeLimit;
    private final Semaphore slots;
    private final Map<String, BlameFile> cache = new LinkedHashMap<>(CACHED, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, BlameFile> eldest) {
            return size() > CACHED;
        }
    };

    public PastBlames(Clones clones, long maxFileBytes, Duration timeLimit, int slots) {
        this.clones = clones;
        this.maxFileBytes = maxFileBytes;
        this.timeLimit = timeLimit;
        this.slots = new Semaphore(Math.max(1, slots), true);
    }

    /**
     * The file's blame at {@code rev}, its {@code rev} field the commit's full sha.
     *
     * @throws NotFound      an unknown or unreachable revision, a path not tracked or not in that commit
     * @throws Unprocessable a file the sync would skip too (binary, too large, over the time limit)
     * @throws Busy          every slot stayed taken for as long as the time limit
     */
    public BlameFile blame(TrackedRepo repo, String rev, String path) throws IOException, InterruptedException {
        requireTracked(repo, path);
        try (Repository repository = clones.open(repo.repo()); RevWalk walk = new RevWalk(repository)) {
            Revisions.Resolved resolved = Revisions.resolve(repository, walk, repo.repo(),
                    ObjectId.fromString(repo.tip()), repo.branch(), rev);
            String sha = resolved.commit().name();
            // the tip's ignore-revs file shapes the answer: a new tip may bring another
            String key = repo.repo() + '\n' + repo.tip() + '\n' + sha + '\n' + path;
            BlameFile cached = cached(key);
            if (cached != null) {
                return cached;
            }
            if (TreeWalk.forPath(repository, path, resolved.commit().getTree()) == null) {
                throw new NotFound("no file " + path + " in " + repo.repo() + " at " + describe(resolved));
            }
            IgnoreRevs ignore = IgnoreRevs.read(repository, ObjectId.fromString(repo.tip()), repo.ignoreRevs());
            BlameFile answer = blameInSlot(repository, repo.repo(), resolved, path, ignore);
            synchronized (cache) {
                cache.put(key, answer);
            }
            return answer;
        }
    }

    /**
     * Every commit that changed {@code line} of {@code path} at {@code rev} (the tip when null), newest first, as
     * {@code git log -L} lists them ({@link LineLog}); stopped at the time limit or {@value #MAX_CHANGES} changes.
     */
    public LineHistory history(TrackedRepo repo, String rev, String path, int line)
            throws IOException, InterruptedException {
        requireTracked(repo, path);
        try (Repository repository = clones.open(repo.repo()); RevWalk walk = new RevWalk(repository)) {
            Revisions.Resolved resolved = Revisions.resolve(repository, walk, repo.repo(),
                    ObjectId.fromString(repo.tip()), repo.branch(), rev == null ? repo.branch() : rev);
            if (TreeWalk.forPath(repository, path, resolved.commit().getTree()) == null) {
                throw new NotFound("no file " + path + " in " + repo.repo() + " at " + describe(resolved));
            }
            LineLog.Result result = inSlot(() -> {
                try {
                    return new LineLog(repository, maxFileBytes).log(resolved.commit(), path, line,
                            timeLimit.toNanos(), MAX_CHANGES);
                } catch (IllegalArgumentException e) {
                    // the line is out of range, or the file is not text
                    throw new BadRequest("line", e.getMessage());
                }
            });
            return new LineHistory(repo.repo(), path, line, resolved.commit().name(), result.complete(),
                    result.changes().stream().map(change -> new LineHistory.Change(change.sha(), change.path(),
                            change.firstLine(), change.lastLine(), change.text())).toList());
        }
    }

    private void requireTracked(TrackedRepo repo, String path) {
        if (path == null || path.isBlank() || path.length() > MAX_PATH) {
            throw new BadRequest("path", "path must be a file's path in the repository, at most " + MAX_PATH
                    + " characters");
        }
        if (repo.tip() == null) {
            throw new NotFound(repo.repo() + " has not finished its first sync: no revision of it can be read yet");
        }
        if (!PathRules.of(repo.include(), repo.exclude()).test(path)) {
            throw new NotFound(path + " is not tracked in " + repo.repo() + " (its include/exclude rules leave it out)");
        }
    }

    private interface CostlyWork<T> {
        T run() throws IOException;
    }

    /** Runs CPU-bound work in one of the slots, waiting for one as long as the time limit. */
    private <T> T inSlot(CostlyWork<T> work) throws IOException, InterruptedException {
        long wait = timeLimit.isZero() ? Duration.ofSeconds(30).toMillis() : timeLimit.toMillis();
        if (!slots.tryAcquire(wait, TimeUnit.MILLISECONDS)) {
            throw new Busy("every past-blame slot stayed busy for " + wait + " ms; ask again shortly");
        }
        try {
            return work.run();
        } finally {
            slots.release();
        }
    }

    private BlameFile blameInSlot(Repository repository, String repo, Revisions.Resolved resolved, String path,
                                  IgnoreRevs ignore) throws IOException, InterruptedException {
        return inSlot(() -> {
            RepositoryBlame.Result result = new RepositoryBlame(repository, maxFileBytes, timeLimit, (done, total) -> { })
                    .ignoring(ignore.commits()).blame(resolved.commit(), path::equals);
            if (!result.skipped().isEmpty()) {
                Skipped skipped = result.skipped().get(0);
                throw new Unprocessable("path", path + " at " + describe(resolved) + " has no blame: " + skipped.reason());
            }
            FileBlame file = result.files().get(0);
            try (ObjectReader reader = repository.newObjectReader()) {
                return new BlameFile(repo, path, resolved.commit().name(), file.lines(), file.ranges(), file.text(reader));
            }
        });
    }

    private BlameFile cached(String key) {
        synchronized (cache) {
            return cache.get(key);
        }
    }

    private static String describe(Revisions.Resolved resolved) {
        String sha = resolved.commit().abbreviate(7).name();
        return resolved.asked().startsWith(sha) ? sha : resolved.asked() + " (" + sha + ")";
    }
}
