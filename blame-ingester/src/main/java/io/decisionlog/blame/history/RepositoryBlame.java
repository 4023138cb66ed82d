package io.decisionlog.blame.history;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Blames every tracked file at a commit in one walk over the history, not file by file. Each tip file starts as
 * one job holding all its lines; walking commits newest first (children before parents), a commit hands the
 * lines it did not change to its parents — whole files in O(1) when the commit did not touch them, through a
 * diff when it did — and keeps the rest. The semantics are git blame's: whole-file renames followed, no
 * move or copy detection, a merge first gives a file to a parent with the identical blob, else offers its lines
 * to each parent in order.
 *
 * <p>Incrementally ({@link #blame(ObjectId, Predicate, ObjectId, PreviousBlame)}), the same walk covers only the
 * commits new since a base commit whose blame is known: lines that reach the base take their commit from the
 * base's blame there, so a push costs its own diffs, not a walk through the whole history again. Files whose lines
 * go elsewhere (into history below the base through a merge, or a path the previous blame does not know) are
 * blamed again through the whole history: the result is always what a full walk gives.
 *
 * <p>A file whose blame takes longer than the time limit — the time spent diffing its versions, reading them and
 * looking for where it was renamed from, added up over the walk — is dropped from the walk and listed as skipped
 * with the reason; the other files go on.
 */
public final class RepositoryBlame {
    private final Repository repository;
    private final long maxFileBytes;
    private final long fileTimeLimitNanos;
    private final String overTimeReason;
    private final Progress progress;
    private final LongSupplier nanoClock;
    private final Set<? extends ObjectId> ignoredRevs;

    /** Called now and then with files fully blamed (or dropped) so far and the total. */
    public interface Progress {
        void update(int filesDone, int filesTotal);
    }

    /**
     * The blame of every tracked tip file, and the files not blamed with the reason. Incrementally,
     * {@code fromPrevious} files were completed from the base's blame and {@code throughHistory} were blamed again
     * through the whole history; a full blame has every file through the history.
     */
    public record Result(String tip, List<FileBlame> files, List<Skipped> skipped, int fromPrevious,
                         int throughHistory) {
    }

    /** Without a time limit. */
    public RepositoryBlame(Repository repository, long maxFileBytes, Progress progress) {
        this(repository, maxFileBytes, Duration.ZERO, progress);
    }

    /** @param fileTimeLimit the most a file's blame may take ({@link Duration#ZERO}: no limit) */
    public RepositoryBlame(Repository repository, long maxFileBytes, Duration fileTimeLimit, Progress progress) {
        this(repository, maxFileBytes, fileTimeLimit, progress, System::nanoTime);
    }

    RepositoryBlame(Repository repository, long maxFileBytes, Duration fileTimeLimit, Progress progress,
                    LongSupplier nanoClock) {
        this(repository, maxFileBytes, fileTimeLimit, progress, nanoClock, Set.of());
    }

    private RepositoryBlame(Repository repository, long maxFileBytes, Duration fileTimeLimit, Progress progress,
                            LongSupplier nanoClock, Set<? extends ObjectId> ignoredRevs) {
        this.ignoredRevs = ignoredRevs;
        this.repository = repository;
        this.maxFileBytes = maxFileBytes;
        this.fileTimeLimitNanos = fileTimeLimit.isNegative() ? 0 : fileTimeLimit.toNanos();
        this.overTimeReason = "blame took longer than " + describe(fileTimeLimit);
        this.progress = progress;
        this.nanoClock = nanoClock;
    }

    /**
     * The same blame, ignoring these commits as {@code git blame --ignore-rev} does: the lines they changed go to the
     * lines of their parent that match them best ({@link IgnoredLines}); lines that match none stay with them, marked.
     */
    public RepositoryBlame ignoring(Set<? extends ObjectId> revs) {
        return new RepositoryBlame(repository, maxFileBytes, fileTimeLimitNanos == 0 ? Duration.ZERO
                : Duration.ofNanos(fileTimeLimitNanos), progress, nanoClock, Set.copyOf(revs));
    }

    /** Blames the tip's files that {@code tracked} accepts, through the whole history. */
    public Result blame(ObjectId tip, Predicate<String> tracked) throws IOException {
        return blame(tip, tracked, null, PreviousBlame.NONE);
    }

    /**
     * Blames the tip's files that {@code tracked} accepts, walking only the commits that {@code base} cannot reach
     * and taking, where a line reaches {@code base}, its commit from {@code previous} (the blame at {@code base}).
     * Files it cannot finish that way are blamed through the whole history. A null base is a full blame.
     */
    public Result blame(ObjectId tip, Predicate<String> tracked, ObjectId base, PreviousBlame previous)
            throws IOException {
        String tipName;
        List<FileBlame> files;
        List<Skipped> skipped;
        Set<FileBlame> unfinished = Set.of();
        try (ObjectReader reader = repository.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
            // the walk reads parents, trees and times, never a message: a topological walk holds every commit at once
            walk.setRetainBody(false);
            RevCommit tipCommit = walk.parseCommit(tip);
            RevCommit baseCommit = base == null ? null : walk.parseCommit(base);
            tipName = tipCommit.name();
            BlameWalk state = new BlameWalk(reader, maxFileBytes, fileTimeLimitNanos, progress, nanoClock, ignoredRevs);
            skipped = state.startAt(tipCommit, tracked);
            walk.sort(RevSort.TOPO, true);
            walk.sort(RevSort.COMMIT_TIME_DESC, true);
            walk.markStart(tipCommit);
            if (baseCommit != null) {
                walk.markUninteresting(baseCommit);
            }
            for (RevCommit commit : walk) {
                if (state.finished(baseCommit)) {
                    break;
                }
                state.process(commit);
            }
            if (baseCommit != null) {
                unfinished = state.finishAt(baseCommit, previous);
            }
            files = new ArrayList<>(state.files());
            progress.update(files.size(), files.size());
        }
        for (FileBlame file : files) {
            if (file.dropped()) {
                skipped.add(new Skipped(file.path(), overTimeReason));
            }
        }
        files.removeIf(FileBlame::dropped);
        if (base == null) {
            return new Result(tipName, files, skipped, 0, files.size());
        }
        int fromPrevious = files.size() - unfinished.size();
        if (!unfinished.isEmpty()) {
            blameThroughHistory(tip, unfinished, files, skipped);
        }
        return new Result(tipName, files, skipped, fromPrevious, unfinished.size());
    }

    /** Lines that went where the base's blame does not reach: these files walk the whole history, replacing them. */
    private void blameThroughHistory(ObjectId tip, Set<FileBlame> unfinished, List<FileBlame> files,
                                     List<Skipped> skipped) throws IOException {
        Set<String> again = new LinkedHashSet<>();
        unfinished.forEach(file -> again.add(file.path()));
        Result full = blame(tip, again::contains, null, PreviousBlame.NONE);
        Map<String, FileBlame> byPath = new HashMap<>();
        full.files().forEach(file -> byPath.put(file.path(), file));
        files.replaceAll(file -> unfinished.contains(file) ? byPath.get(file.path()) : file);
        files.removeIf(file -> file == null);
        skipped.addAll(full.skipped());
    }

    /** {@code 30s}, {@code 1500ms}, {@code 2m}: a limit as one writes it in the configuration. */
    static String describe(Duration limit) {
        if (limit.isZero() || limit.isNegative()) {
            return "no limit";
        }
        if (limit.toNanos() % 60_000_000_000L == 0) {
            return limit.toMinutes() + "m";
        }
        if (limit.toNanos() % 1_000_000_000L == 0) {
            return limit.toSeconds() + "s";
        }
        if (limit.toNanos() % 1_000_000L == 0) {
            return limit.toMillis() + "ms";
        }
        return limit.toNanos() + "ns";
    }
}
