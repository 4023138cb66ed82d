package io.decisionlog.blame.history;

import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Every commit that changed a range of lines, newest first, the way {@code git log -L START,END:PATH} finds them:
 * walking back from a commit, the range is carried to each parent through the diff — lines outside the changed hunks
 * shift, a hunk that overlaps the range is replaced by the parent's side of that hunk (so the range can grow, as
 * git's does) — and a commit is listed when a hunk of its diff overlapped the range. Whole-file renames are followed
 * as the blame follows them; a merge whose parent has the range unchanged passes it to that parent only and is not
 * listed, else it is listed and every parent gets its side. The diff is the blame's ({@link GitLineDiff}, git's).
 */
public final class LineLog {
    /** The most text given per change: a range that grew over a whole file does not send the file each time. */
    static final int MAX_TEXT_LINES = 50;

    private final Repository repository;
    private final long maxFileBytes;
    private final LongSupplier nanoClock;

    /** One listed commit: the range after it (1-based, inclusive, spanning its ranges) and that text. */
    public record Change(String sha, String path, int firstLine, int lastLine, List<String> text) {
    }

    /** The changes, newest first; {@code complete} false when the time limit or the most changes stopped it first. */
    public record Result(List<Change> changes, boolean complete) {
    }

    public LineLog(Repository repository, long maxFileBytes) {
        this(repository, maxFileBytes, System::nanoTime);
    }

    LineLog(Repository repository, long maxFileBytes, LongSupplier nanoClock) {
        this.repository = repository;
        this.maxFileBytes = maxFileBytes;
        this.nanoClock = nanoClock;
    }

    /** What followed the lines has at one commit: the path, its blob there, the ranges (0-based, half-open). */
    private record Tracked(String path, ObjectId blob, Ranges ranges) {
    }

    /**
     * @param line      1-based, in {@code path} at {@code start}
     * @param timeLimit the most the walk may take (0: none)
     * @throws IllegalArgumentException when the path is not a file at {@code start} or the line is out of range
     */
    public Result log(ObjectId start, String path, int line, long timeLimitNanos, int maxChanges) throws IOException {
        long deadline = timeLimitNanos <= 0 ? Long.MAX_VALUE : nanoClock.getAsLong() + timeLimitNanos;
        List<Change> changes = new ArrayList<>();
        try (ObjectReader reader = repository.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
            Blobs blobs = new Blobs(reader, maxFileBytes);
            RevCommit startCommit = walk.parseCommit(start);
            ObjectId blob = blobAt(reader, startCommit, path);
            if (blob == null || !blobs.diffable(blob)) {
                throw new IllegalArgumentException("no text file " + path + " at " + startCommit.abbreviate(7).name());
            }
            int lines = blobs.text(blob).size();
            if (line < 1 || line > lines) {
                throw new IllegalArgumentException("line " + line + " is out of range: " + path + " has " + lines
                        + (lines == 1 ? " line" : " lines") + " at " + startCommit.abbreviate(7).name());
            }
            Map<RevCommit, Tracked> pending = new HashMap<>();
            pending.put(startCommit, new Tracked(path, blob, Ranges.of(line - 1, line)));
            walk.sort(RevSort.TOPO, true);
            walk.sort(RevSort.COMMIT_TIME_DESC, true);
            walk.markStart(startCommit);
            for (RevCommit commit : walk) {
                if (pending.isEmpty()) {
                    return new Result(changes, true);
                }
                if (changes.size() >= maxChanges || nanoClock.getAsLong() > deadline) {
                    return new Result(changes, false);
                }
                Tracked tracked = pending.remove(commit);
                if (tracked != null && process(reader, blobs, commit, tracked, pending)) {
                    changes.add(change(blobs, commit, tracked));
                }
            }
        }
        return new Result(changes, true);
    }

    /** Carries the ranges to the parents; returns true when this commit changed them. */
    private boolean process(ObjectReader reader, Blobs blobs, RevCommit commit, Tracked tracked,
                            Map<RevCommit, Tracked> pending) throws IOException {
        RevCommit[] parents = commit.getParents();
        if (parents.length == 0) {
            return true;
        }
        List<Mapped> sides = new ArrayList<>(parents.length);
        for (RevCommit parent : parents) {
            Mapped side = toParent(reader, blobs, parent, commit, tracked);
            if (!side.touched()) {
                // as git: a parent that has the lines as they are takes them all, and the merge changed nothing
                add(pending, parent, side.tracked());
                return false;
            }
            sides.add(side);
        }
        for (int p = 0; p < parents.length; p++) {
            add(pending, parents[p], sides.get(p).tracked());
        }
        return true;
    }

    /** The ranges on the parent's side, or null when the parent has no version of the file. */
    private record Mapped(Tracked tracked, boolean touched) {
    }

    private static Mapped toParent(ObjectReader reader, Blobs blobs, RevCommit parent, RevCommit commit, Tracked tracked)
            throws IOException {
        Map<String, PathChange> changes = PathChange.between(reader, parent, commit, Set.of(tracked.path()));
        PathChange change = changes.get(tracked.path());
        if (change == null) {
            return new Mapped(tracked, false);
        }
        String parentPath = tracked.path();
        ObjectId parentBlob = change.oldBlob();
        if (parentBlob == null) {
            RenameDetection.Origin rename = RenameDetection.sourceOf(tracked.blob(), changes, blobs);
            if (rename == null) {
                return new Mapped(null, true);
            }
            parentPath = rename.path();
            parentBlob = rename.blob();
        }
        if (parentBlob.equals(tracked.blob())) {
            return new Mapped(new Tracked(parentPath, parentBlob, tracked.ranges()), false);
        }
        if (!blobs.diffable(parentBlob) || !blobs.diffable(tracked.blob())) {
            return new Mapped(null, true);
        }
        EditList edits = GitLineDiff.diff(blobs.lines(parentBlob), blobs.lines(tracked.blob()));
        Ranges.Crossing crossing = tracked.ranges().acrossDiff(edits);
        Tracked onParent = crossing.parent().isEmpty() ? null : new Tracked(parentPath, parentBlob, crossing.parent());
        return new Mapped(onParent, crossing.touched());
    }

    private static void add(Map<RevCommit, Tracked> pending, RevCommit parent, Tracked tracked) {
        if (tracked == null) {
            return;
        }
        pending.merge(parent, tracked, (had, more) -> had.path().equals(more.path())
                ? new Tracked(had.path(), had.blob(), had.ranges().union(more.ranges())) : had);
    }

    private static Change change(Blobs blobs, RevCommit commit, Tracked tracked) throws IOException {
        RawText text = blobs.text(tracked.blob());
        int first = tracked.ranges().first();
        int end = Math.min(tracked.ranges().end(), first + MAX_TEXT_LINES);
        List<String> lines = new ArrayList<>(end - first);
        for (int i = first; i < end; i++) {
            lines.add(text.getString(i));
        }
        return new Change(commit.name(), tracked.path(), first + 1, tracked.ranges().end(), lines);
    }

    private static ObjectId blobAt(ObjectReader reader, RevCommit commit, String path) throws IOException {
        try (TreeWalk tree = TreeWalk.forPath(reader, path, commit.getTree())) {
            return tree == null || (tree.getRawMode(0) & 0170000) != 0100000 ? null : tree.getObjectId(0);
        }
    }

    /** A set of line ranges, sorted, not overlapping nor touching (0-based, half-open), as git's range_set. */
    record Ranges(List<int[]> spans) {
        static Ranges of(int start, int end) {
            List<int[]> spans = new ArrayList<>();
            spans.add(new int[] {start, end});
            return new Ranges(spans);
        }

        boolean isEmpty() {
            return spans.isEmpty();
        }

        int first() {
            return spans.get(0)[0];
        }

        int end() {
            return spans.get(spans.size() - 1)[1];
        }

        /** The ranges on the parent's side and whether a hunk overlapped them. */
        record Crossing(Ranges parent, boolean touched) {
        }

        /**
         * git's range_set_map_across_diff: the hunks whose new side overlaps the ranges are touched; the rest of the
         * ranges shift by the hunks before them; the parent gets both, the touched hunks as their old side.
         */
        Crossing acrossDiff(EditList edits) {
            List<Edit> touched = new ArrayList<>();
            for (Edit edit : edits) {
                if (overlaps(edit.getBeginB(), edit.getEndB())) {
                    touched.add(edit);
                }
            }
            List<int[]> parent = new ArrayList<>();
            int j = 0;
            int offset = 0;
            for (int[] rest : minus(touched)) {
                while (j < edits.size() && rest[0] >= edits.get(j).getBeginB()) {
                    Edit edit = edits.get(j++);
                    offset += edit.getLengthA() - edit.getLengthB();
                }
                parent.add(new int[] {rest[0] + offset, rest[1] + offset});
            }
            for (Edit edit : touched) {
                parent.add(new int[] {edit.getBeginA(), edit.getEndA()});
            }
            return new Crossing(normalized(parent), !touched.isEmpty());
        }

        Ranges union(Ranges other) {
            List<int[]> all = new ArrayList<>(spans);
            all.addAll(other.spans);
            return normalized(all);
        }

        private boolean overlaps(int start, int end) {
            for (int[] span : spans) {
                if (span[0] < end && start < span[1]) {
                    return true;
                }
            }
            return false;
        }

        /** These ranges without the new sides of the hunks. */
        private List<int[]> minus(List<Edit> hunks) {
            List<int[]> rest = new ArrayList<>();
            for (int[] span : spans) {
                int start = span[0];
                for (Edit hunk : hunks) {
                    if (hunk.getEndB() <= start || hunk.getBeginB() >= span[1]) {
                        continue;
                    }
                    if (hunk.getBeginB() > start) {
                        rest.add(new int[] {start, hunk.getBeginB()});
                    }
                    start = Math.max(start, hunk.getEndB());
                }
                if (start < span[1]) {
                    rest.add(new int[] {start, span[1]});
                }
            }
            return rest;
        }

        private static Ranges normalized(List<int[]> spans) {
            List<int[]> sorted = new ArrayList<>();
            spans.stream().filter(span -> span[0] < span[1]).sorted((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0])
                    : Integer.compare(a[1], b[1])).forEach(span -> {
                        int[] last = sorted.isEmpty() ? null : sorted.get(sorted.size() - 1);
                        if (last != null && span[0] <= last[1]) {
                            last[1] = Math.max(last[1], span[1]);
                        } else {
                            sorted.add(new int[] {span[0], span[1]});
                        }
                    });
            return new Ranges(sorted);
        }
    }
}
