package io.decisionlog.blame.history;

import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;

import java.util.Arrays;

/**
 * The line diff {@code git blame} runs between a file and its parent's version, making the same choices: git's
 * xdiff Myers with its cost heuristics, then its slider compaction with the indent heuristic. Where two
 * alignments cost the same (a block of lines that could belong to either the ancestor or the descendant), a
 * textbook diff picks one side and git the other; blame then names a different commit for those lines. Matching
 * git's choices step by step is what keeps our blame equal to git's on real repositories.
 *
 * <p>The steps, in git's order: trim the common tail in 1 KiB blocks (as {@code xdi_diff} does when no context is
 * asked for); number each distinct line; drop the common head and tail; set aside lines that occur nowhere in the
 * other file, and lines that occur very often when they sit among such lines; find the middle snake recursively
 * on what is left, giving up on optimality past a cost bound; then slide each changed group up or down over equal
 * lines, first to line up with a change in the other file, else to the position the indent heuristic scores best.
 * This was written from the algorithm's published description and its observable output, not from git's source.
 *
 * <p>One step is done in another order, to the same result: the common head and tail are found from the bytes
 * before any line is numbered, and only the lines between are numbered ({@link LineClassifier}). A version usually
 * differs from its parent in a few lines, so numbering every line of both (as git does) is most of a diff's work;
 * what the head and tail lines add to the counts is all the later steps read of them.
 */
final class GitLineDiff {
    private static final int TRIM_BLOCK = 1024;

    private GitLineDiff() {
    }

    /** The edits that turn {@code a} (the parent's version) into {@code b}, both as raw bytes. */
    static EditList diff(byte[] a, byte[] b) {
        return diff(LineIndex.of(a), LineIndex.of(b));
    }

    /** The same, on versions whose lines a walk has already indexed. */
    static EditList diff(LineIndex a, LineIndex b) {
        int commonTail = commonTailToTrim(a.bytes, b.bytes);
        DiffSide one = new DiffSide(a, a.bytes.length - commonTail);
        DiffSide two = new DiffSide(b, b.bytes.length - commonTail);
        trimEnds(one, two);
        new LineClassifier(one.middle() + two.middle()).classify(one, two);
        one.setAside();
        two.setAside();
        new MyersDiff(one, two).compare();
        SliderCompaction.compact(one, two);
        SliderCompaction.compact(two, one);
        return edits(one, two);
    }

    /** Bytes at the end both files share, cut back to just after a line end: they never take part. */
    private static int commonTailToTrim(byte[] a, byte[] b) {
        int smaller = Math.min(a.length, b.length);
        int trimmed = 0;
        while (TRIM_BLOCK + trimmed <= smaller && Arrays.equals(a, a.length - trimmed - TRIM_BLOCK,
                a.length - trimmed, b, b.length - trimmed - TRIM_BLOCK, b.length - trimmed)) {
            trimmed += TRIM_BLOCK;
        }
        int start = a.length - trimmed;
        int recovered = 0;
        while (recovered < trimmed) {
            if (a[start + recovered++] == '\n') {
                break;
            }
        }
        return trimmed - recovered;
    }

    /** Sets each side's {@code dstart} and {@code dend} around the lines both share at their head and at their tail. */
    private static void trimEnds(DiffSide one, DiffSide two) {
        int limit = Math.min(one.records, two.records);
        int head = Math.min(commonHead(one, two), limit);
        int tail = Math.min(commonTail(one, two), limit - head);
        one.dstart = head;
        two.dstart = head;
        one.dend = one.records - tail - 1;
        two.dend = two.records - tail - 1;
    }

    /**
     * How many lines the two sides share from the top: the lines within their common bytes, less a last one that
     * ends in one side only (a line without a line end, where the other side's goes on).
     */
    private static int commonHead(DiffSide one, DiffSide two) {
        int mismatch = Arrays.mismatch(one.bytes, 0, one.size(), two.bytes, 0, two.size());
        int common = mismatch < 0 ? one.size() : mismatch;
        int head = Arrays.binarySearch(one.starts, 0, one.records + 1, common);
        head = head >= 0 ? head : -head - 2;
        while (head > 0 && (head > two.records || one.starts[head] != two.starts[head])) {
            head--;
        }
        return head;
    }

    /** How many lines the two sides share from the bottom: those that start as far from the end within common bytes. */
    private static int commonTail(DiffSide one, DiffSide two) {
        int common = 0;
        int most = Math.min(one.size(), two.size());
        while (common < most && one.bytes[one.size() - 1 - common] == two.bytes[two.size() - 1 - common]) {
            common++;
        }
        int tail = 0;
        while (tail < Math.min(one.records, two.records)) {
            int fromEnd = one.size() - one.starts[one.records - 1 - tail];
            if (fromEnd > common || two.size() - two.starts[two.records - 1 - tail] != fromEnd) {
                break;
            }
            tail++;
        }
        return tail;
    }

    private static EditList edits(DiffSide one, DiffSide two) {
        EditList edits = new EditList();
        int i1 = 0;
        int i2 = 0;
        while (i1 < one.records || i2 < two.records) {
            if (one.changed(i1) || two.changed(i2)) {
                int begin1 = i1;
                int begin2 = i2;
                while (one.changed(i1)) {
                    i1++;
                }
                while (two.changed(i2)) {
                    i2++;
                }
                edits.add(new Edit(begin1, i1, begin2, i2));
            } else {
                i1++;
                i2++;
            }
        }
        return edits;
    }

    /** An integer near the square root of n, by shifts. */
    static int squareRootBound(int n) {
        int i = 1;
        for (int m = n; m > 0; m >>= 2) {
            i <<= 1;
        }
        return i;
    }
}
