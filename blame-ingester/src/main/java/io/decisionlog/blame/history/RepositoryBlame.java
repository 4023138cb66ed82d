package io.decisionlog.blame.history;

import io.decisionlog.events.BlameRange;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.SimilarityIndex;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
        this.repository = repository;
        this.maxFileBytes = maxFileBytes;
        this.fileTimeLimitNanos = fileTimeLimit.isNegative() ? 0 : fileTimeLimit.toNanos();
        this.overTimeReason = "blame took longer than " + describe(fileTimeLimit);
        this.progress = progress;
        this.nanoClock = nanoClock;
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
            RevCommit tipCommit = walk.parseCommit(tip);
            RevCommit baseCommit = base == null ? null : walk.parseCommit(base);
            tipName = tipCommit.name();
            Walk state = new Walk(reader);
            skipped = state.startAt(tipCommit, tracked, maxFileBytes);
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
            files = new ArrayList<>(state.files);
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
            // lines that went where the base's blame does not reach: these files walk the whole history
            Set<String> again = new LinkedHashSet<>();
            unfinished.forEach(file -> again.add(file.path()));
            Result full = blame(tip, again::contains, null, PreviousBlame.NONE);
            Map<String, FileBlame> byPath = new HashMap<>();
            full.files().forEach(file -> byPath.put(file.path(), file));
            Set<FileBlame> redo = unfinished;
            files.replaceAll(file -> redo.contains(file) ? byPath.get(file.path()) : file);
            files.removeIf(file -> file == null);
            skipped.addAll(full.skipped());
        }
        return new Result(tipName, files, skipped, fromPrevious, unfinished.size());
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

    /** The state of one walk: the pending jobs by commit and path, and the blobs read so far. */
    private final class Walk {
        private final ObjectReader reader;
        private final Map<RevCommit, Map<String, List<Job>>> pending = new HashMap<>();
        private final List<FileBlame> files = new ArrayList<>();
        private int filesDropped;
        private final Map<ObjectId, RawText> texts = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<ObjectId, RawText> eldest) {
                return size() > 512;
            }
        };
        private int filesDone;
        private long commitsSeen;

        Walk(ObjectReader reader) {
            this.reader = reader;
        }

        List<Skipped> startAt(RevCommit tip, Predicate<String> tracked, long maxBytes) throws IOException {
            List<Skipped> skipped = new ArrayList<>();
            Map<String, List<Job>> jobs = new HashMap<>();
            try (TreeWalk tree = new TreeWalk(reader)) {
                tree.addTree(tip.getTree());
                tree.setRecursive(true);
                while (tree.next()) {
                    String path = tree.getPathString();
                    if (!tracked.test(path)) {
                        continue;
                    }
                    FileMode mode = tree.getFileMode(0);
                    if (mode == FileMode.SYMLINK) {
                        skipped.add(new Skipped(path, "symbolic link"));
                    } else if (mode == FileMode.GITLINK) {
                        skipped.add(new Skipped(path, "submodule"));
                    } else {
                        ObjectId blob = tree.getObjectId(0);
                        if (!reader.has(blob)) {
                            skipped.add(new Skipped(path, "blob " + blob.name() + " is missing from the clone"));
                            continue;
                        }
                        long size = reader.getObjectSize(blob, Constants.OBJ_BLOB);
                        if (size > maxBytes) {
                            skipped.add(new Skipped(path, "over the size limit (" + size + " bytes > " + maxBytes + ")"));
                            continue;
                        }
                        byte[] bytes = reader.open(blob).getCachedBytes();
                        if (RawText.isBinary(bytes)) {
                            skipped.add(new Skipped(path, "binary"));
                            continue;
                        }
                        RawText text = new RawText(bytes);
                        FileBlame file = new FileBlame(path, blob, text);
                        files.add(file);
                        if (file.lines() == 0) {
                            filesDone++;
                            continue;
                        }
                        texts.put(blob, text);
                        int[] lines = new int[file.lines()];
                        for (int i = 0; i < lines.length; i++) {
                            lines[i] = i;
                        }
                        add(jobs, new Job(file, path, blob, lines, lines.clone()));
                    }
                }
            }
            if (!jobs.isEmpty()) {
                pending.put(tip, jobs);
            }
            return skipped;
        }

        /**
         * True when the walk has nothing left to do: no lines looked for any more (every file done or dropped), or
         * only lines that reached the base, which the walk does not go past.
         */
        boolean finished(RevCommit base) {
            return pending.isEmpty() || filesDone + filesDropped >= files.size()
                    || base != null && pending.size() == 1 && pending.containsKey(base);
        }

        /**
         * Completes from the base's blame the lines that reached the base; returns the files it could not finish
         * that way: lines at a path or version the previous blame does not know, or lines that went to history
         * the base can reach through another path (a merge of a branch older than the base).
         */
        Set<FileBlame> finishAt(RevCommit base, PreviousBlame previous) {
            Set<FileBlame> unfinished = new LinkedHashSet<>();
            Map<String, List<Job>> atBase = pending.remove(base);
            if (atBase != null) {
                for (List<Job> list : atBase.values()) {
                    for (Job job : list) {
                        if (!job.file().dropped() && !attributeFrom(previous.lookup(job.path(), job.blob()), job)) {
                            unfinished.add(job.file());
                        }
                    }
                }
            }
            for (Map<String, List<Job>> jobs : pending.values()) {
                jobs.values().forEach(list -> list.forEach(job -> {
                    if (!job.file().dropped()) {
                        unfinished.add(job.file());
                    }
                }));
            }
            pending.clear();
            return unfinished;
        }

        /** Gives each of the job's lines the commit, path and line the base's blame gives it there. */
        private boolean attributeFrom(List<BlameRange> ranges, Job job) {
            if (ranges == null) {
                return false;
            }
            int r = 0;
            for (int k = 0; k < job.size(); k++) {
                int line = job.lines()[k] + 1;
                while (r < ranges.size() && ranges.get(r).start() + ranges.get(r).count() <= line) {
                    r++;
                }
                if (r == ranges.size() || ranges.get(r).start() > line) {
                    return false;
                }
                BlameRange range = ranges.get(r);
                if (job.file().attribute(job.tipLines()[k], range.sha(), range.origPath(),
                        range.origStart() - 1 + line - range.start())) {
                    filesDone++;
                }
            }
            return true;
        }

        void process(RevCommit commit) throws IOException {
            Map<String, List<Job>> jobs = pending.remove(commit);
            if (jobs == null) {
                return;
            }
            if (++commitsSeen % 500 == 0) {
                progress.update(filesDone + filesDropped, files.size());
            }
            RevCommit[] parents = commit.getParents();
            if (parents.length == 0) {
                jobs.values().forEach(list -> list.forEach(job -> attribute(commit, job)));
                return;
            }
            Map<String, Change> firstParentChanges = changes(parents[0], commit);
            Map<String, List<Job>> touched = new HashMap<>();
            for (String path : firstParentChanges.keySet()) {
                List<Job> list = jobs.remove(path);
                if (list != null) {
                    touched.put(path, list);
                }
            }
            // every file this commit did not change against its first parent goes there whole, in one move
            handOver(parents[0], jobs);
            if (parents.length == 1) {
                for (List<Job> list : touched.values()) {
                    for (Job job : list) {
                        if (!job.file().dropped()) {
                            attribute(commit, timed(job, () -> passToParent(parents[0], firstParentChanges, job)));
                        }
                    }
                }
                return;
            }
            List<Map<String, Change>> changesByParent = new ArrayList<>();
            changesByParent.add(firstParentChanges);
            for (int p = 1; p < parents.length; p++) {
                changesByParent.add(changes(parents[p], commit));
            }
            for (List<Job> list : touched.values()) {
                for (Job job : list) {
                    if (!job.file().dropped()) {
                        blameMergedFile(commit, parents, changesByParent, job);
                    }
                }
            }
        }

        private void blameMergedFile(RevCommit merge, RevCommit[] parents, List<Map<String, Change>> changes, Job job)
                throws IOException {
            for (int p = 1; p < parents.length; p++) {
                if (!changes.get(p).containsKey(job.path())) {
                    add(parents[p], job);
                    return;
                }
            }
            Job remaining = job;
            for (int p = 0; p < parents.length && remaining != null && remaining.size() > 0; p++) {
                RevCommit parent = parents[p];
                Map<String, Change> parentChanges = changes.get(p);
                Job offered = remaining;
                remaining = timed(job, () -> passToParent(parent, parentChanges, offered));
            }
            attribute(merge, remaining);
        }

        private interface JobStep {
            Job run() throws IOException;
        }

        /** Runs a step of a file's blame, adds its time to the file's, and drops the file once over the limit. */
        private Job timed(Job job, JobStep step) throws IOException {
            long started = nanoClock.getAsLong();
            Job kept = step.run();
            long total = job.file().charge(nanoClock.getAsLong() - started);
            if (fileTimeLimitNanos > 0 && total > fileTimeLimitNanos && !job.file().dropped()) {
                job.file().drop();
                filesDropped++;
            }
            return kept;
        }

        /** Diffs the job's version against the parent's and hands over unchanged lines; returns the lines kept. */
        private Job passToParent(RevCommit parent, Map<String, Change> changes,
                                 Job job) throws IOException {
            if (job.file().dropped()) {
                return null;
            }
            Change change = changes.get(job.path());
            String parentPath = job.path();
            ObjectId parentBlob = change == null ? job.blob() : change.oldBlob();
            if (change != null && change.oldBlob() == null) {
                Origin rename = renameSource(changes, job);
                if (rename == null) {
                    return job;
                }
                parentPath = rename.path();
                parentBlob = rename.blob();
            }
            if (parentBlob.equals(job.blob())) {
                add(parent, new Job(job.file(), parentPath, parentBlob, job.lines(), job.tipLines()));
                return null;
            }
            if (!diffable(parentBlob)) {
                // an ancestor version too large to diff within the heap budget, or absent from a partial clone
                return job;
            }
            EditList edits = GitLineDiff.diff(text(parentBlob).getRawContent(), text(job.blob()).getRawContent());
            LineMapping split = LineMapping.split(job, edits);
            if (split.passedLines.length > 0) {
                add(parent, new Job(job.file(), parentPath, parentBlob, split.passedLines, split.passedTip));
            }
            return new Job(job.file(), job.path(), job.blob(), split.keptLines, split.keptTip);
        }

        /**
         * Where a file added by this commit came from in the parent, as git blame finds it: the most similar file
         * the commit deleted (an identical one first), at least 50% similar. Unlike a diff's rename pairing, one
         * deleted file may be the origin of several added ones.
         */
        private Origin renameSource(Map<String, Change> changes, Job job) throws IOException {
            Origin best = null;
            int bestScore = RENAME_SCORE - 1;
            SimilarityIndex target = null;
            for (Map.Entry<String, Change> entry : changes.entrySet()) {
                Change change = entry.getValue();
                if (change.oldBlob() == null || change.stillExists()) {
                    continue;
                }
                if (change.oldBlob().equals(job.blob())) {
                    return new Origin(entry.getKey(), change.oldBlob());
                }
                if (!diffable(change.oldBlob())) {
                    continue;
                }
                if (target == null) {
                    target = similarity(job.blob());
                    if (target == null) {
                        return null;
                    }
                }
                SimilarityIndex source = similarity(change.oldBlob());
                int score = source == null ? 0 : source.score(target, 100);
                if (score > bestScore) {
                    bestScore = score;
                    best = new Origin(entry.getKey(), change.oldBlob());
                }
            }
            return best;
        }

        private boolean diffable(ObjectId blob) throws IOException {
            try {
                return reader.getObjectSize(blob, Constants.OBJ_BLOB) <= maxFileBytes;
            } catch (MissingObjectException e) {
                return false;
            }
        }

        private SimilarityIndex similarity(ObjectId blob) throws IOException {
            try {
                return SimilarityIndex.create(reader.open(blob, Constants.OBJ_BLOB));
            } catch (SimilarityIndex.TableFullException e) {
                return null;
            }
        }

        private Map<String, Change> changes(RevCommit parent, RevCommit commit) throws IOException {
            Map<String, Change> changes = new LinkedHashMap<>();
            try (TreeWalk tree = new TreeWalk(reader)) {
                tree.addTree(parent.getTree());
                tree.addTree(commit.getTree());
                tree.setRecursive(true);
                tree.setFilter(TreeFilter.ANY_DIFF);
                while (tree.next()) {
                    boolean inParent = tree.getRawMode(0) != 0 && isFile(tree.getFileMode(0));
                    boolean inCommit = tree.getRawMode(1) != 0;
                    changes.put(tree.getPathString(), new Change(inParent ? tree.getObjectId(0) : null, inCommit));
                }
            }
            return changes;
        }

        private void handOver(RevCommit parent, Map<String, List<Job>> jobs) {
            if (jobs.isEmpty()) {
                return;
            }
            Map<String, List<Job>> existing = pending.get(parent);
            if (existing == null) {
                pending.put(parent, jobs);
                return;
            }
            Map<String, List<Job>> larger = existing.size() >= jobs.size() ? existing : jobs;
            Map<String, List<Job>> smaller = larger == existing ? jobs : existing;
            smaller.values().forEach(list -> list.forEach(job -> add(larger, job)));
            pending.put(parent, larger);
        }

        private void add(RevCommit commit, Job job) {
            if (job.file().dropped()) {
                return;
            }
            add(pending.computeIfAbsent(commit, c -> new HashMap<>()), job);
        }

        private void add(Map<String, List<Job>> jobs, Job job) {
            List<Job> list = jobs.computeIfAbsent(job.path(), p -> new ArrayList<>(1));
            for (int i = 0; i < list.size(); i++) {
                Job other = list.get(i);
                if (other.file() == job.file() && other.blob().equals(job.blob())) {
                    list.set(i, other.mergedWith(job));
                    return;
                }
            }
            list.add(job);
        }

        private void attribute(RevCommit commit, Job job) {
            if (job == null || job.file().dropped()) {
                return;
            }
            for (int k = 0; k < job.size(); k++) {
                if (job.file().attribute(job.tipLines()[k], commit.name(), job.path(), job.lines()[k])) {
                    filesDone++;
                }
            }
        }

        private RawText text(ObjectId blob) throws IOException {
            RawText text = texts.get(blob);
            if (text == null) {
                text = new RawText(reader.open(blob).getCachedBytes(Integer.MAX_VALUE));
                texts.put(blob, text);
            }
            return text;
        }
    }

    private static boolean isFile(FileMode mode) {
        return mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE;
    }

    /** git's similarity threshold for a rename, in percent. */
    private static final int RENAME_SCORE = 50;

    /**
     * A path that differs between a parent and a commit; {@code oldBlob} is null when the parent lacks it,
     * {@code stillExists} false when the commit deleted it.
     */
    private record Change(ObjectId oldBlob, boolean stillExists) {
    }

    /** Where a file's lines were in a parent. */
    private record Origin(String path, ObjectId blob) {
    }
}
