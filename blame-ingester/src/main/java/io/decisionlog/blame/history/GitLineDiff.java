package io.decisionlog.blame.history;

import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

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
 */
final class GitLineDiff {
    private static final int TRIM_BLOCK = 1024;
    private static final int MAX_EQUAL_LIMIT = 1024;
    private static final int SIMILAR_SCAN_WINDOW = 100;
    private static final int KEEP_DISCARDED_RUN = 4;
    private static final int MAX_COST_MIN = 256;
    private static final int HEURISTIC_MIN_COST = 256;
    private static final int SNAKE_COUNT = 20;
    private static final int HEURISTIC_FACTOR = 4;
    private static final int LINE_MAX = Integer.MAX_VALUE;

    private GitLineDiff() {
    }

    /** The edits that turn {@code a} (the parent's version) into {@code b}, both as raw bytes. */
    static EditList diff(byte[] a, byte[] b) {
        int commonTail = commonTailToTrim(a, b);
        Side one = new Side(a, a.length - commonTail);
        Side two = new Side(b, b.length - commonTail);
        new Classifier(one.records + two.records).classify(one, two);
        trimEnds(one, two);
        one.setAside();
        two.setAside();
        new Myers(one, two).compare();
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

    private static void trimEnds(Side one, Side two) {
        int limit = Math.min(one.records, two.records);
        int head = 0;
        while (head < limit && one.cls[head] == two.cls[head]) {
            head++;
        }
        int tail = 0;
        while (tail < limit - head && one.cls[one.records - 1 - tail] == two.cls[two.records - 1 - tail]) {
            tail++;
        }
        one.dstart = head;
        two.dstart = head;
        one.dend = one.records - tail - 1;
        two.dend = two.records - tail - 1;
    }

    private static EditList edits(Side one, Side two) {
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

    /** One file: its lines (records), their classes, and which are changed. */
    static final class Side {
        final byte[] bytes;
        final int records;
        /** Record r spans bytes {@code [starts[r], starts[r + 1])}, its line end included. */
        final int[] starts;
        int[] cls;
        /** Occurrences of each class in the other file; set by the classifier. */
        int[] otherCounts;
        /** Changed flags with a false sentinel on each side: record r at index r + 1. */
        final boolean[] change;
        int dstart;
        int dend;
        /** The records left for the Myers pass, by class, and where each sits in the file. */
        int[] kept;
        int[] keptIndex;
        int keptCount;
        private int[] indents;

        Side(byte[] bytes, int size) {
            this.bytes = bytes;
            int count = 0;
            for (int i = 0; i < size; i++) {
                if (bytes[i] == '\n') {
                    count++;
                }
            }
            boolean unterminated = size > 0 && bytes[size - 1] != '\n';
            records = count + (unterminated ? 1 : 0);
            starts = new int[records + 1];
            int r = 1;
            for (int i = 0; i < size; i++) {
                if (bytes[i] == '\n' && r <= records) {
                    starts[r++] = i + 1;
                }
            }
            starts[records] = size;
            change = new boolean[records + 2];
        }

        boolean changed(int record) {
            return change[record + 1];
        }

        void mark(int record, boolean value) {
            change[record + 1] = value;
        }

        /**
         * Sets aside, as changed, the lines between the common head and tail that the other file lacks, and the
         * frequent ones that sit among such lines; the rest go to the Myers pass.
         */
        void setAside() {
            int limit = Math.min(squareRootBound(records), MAX_EQUAL_LIMIT);
            byte[] discard = new byte[records + 1];
            for (int i = dstart; i <= dend; i++) {
                int matches = otherCounts[cls[i]];
                discard[i] = (byte) (matches == 0 ? 0 : matches >= limit ? 2 : 1);
            }
            kept = new int[Math.max(0, dend - dstart + 1)];
            keptIndex = new int[kept.length];
            keptCount = 0;
            for (int i = dstart; i <= dend; i++) {
                if (discard[i] == 1 || (discard[i] == 2 && !amongUnmatched(discard, i, dstart, dend))) {
                    keptIndex[keptCount] = i;
                    kept[keptCount++] = cls[i];
                } else {
                    mark(i, true);
                }
            }
        }

        int indent(int record) {
            if (indents == null) {
                indents = new int[records];
                Arrays.fill(indents, Integer.MIN_VALUE);
            }
            if (indents[record] == Integer.MIN_VALUE) {
                indents[record] = measureIndent(record);
            }
            return indents[record];
        }

        private int measureIndent(int record) {
            int indent = 0;
            for (int i = starts[record]; i < starts[record + 1]; i++) {
                byte c = bytes[i];
                if (c == ' ') {
                    indent++;
                } else if (c == '\t') {
                    indent += 8 - indent % 8;
                } else if (c != '\n' && c != '\r') {
                    return indent;
                }
                if (indent >= SliderCompaction.MAX_INDENT) {
                    return SliderCompaction.MAX_INDENT;
                }
            }
            return -1;
        }
    }

    /** An integer near the square root of n, by shifts. */
    static int squareRootBound(int n) {
        int i = 1;
        for (int m = n; m > 0; m >>= 2) {
            i <<= 1;
        }
        return i;
    }

    /**
     * Whether a frequent line sits in a run of unmatched and frequent lines on both sides, mostly unmatched ones;
     * such a line would only anchor a spurious match.
     */
    private static boolean amongUnmatched(byte[] discard, int i, int start, int end) {
        int s = Math.max(start, i - SIMILAR_SCAN_WINDOW);
        int e = Math.min(end, i + SIMILAR_SCAN_WINDOW);
        int unmatchedBefore = 0;
        int frequentBefore = 1;
        for (int r = 1; i - r >= s; r++) {
            if (discard[i - r] == 0) {
                unmatchedBefore++;
            } else if (discard[i - r] == 2) {
                frequentBefore++;
            } else {
                break;
            }
        }
        if (unmatchedBefore == 0) {
            return false;
        }
        int unmatchedAfter = 0;
        int frequentAfter = 1;
        for (int r = 1; i + r <= e; r++) {
            if (discard[i + r] == 0) {
                unmatchedAfter++;
            } else if (discard[i + r] == 2) {
                frequentAfter++;
            } else {
                break;
            }
        }
        if (unmatchedAfter == 0) {
            return false;
        }
        int unmatched = unmatchedBefore + unmatchedAfter;
        int frequent = frequentBefore + frequentAfter;
        return frequent * KEEP_DISCARDED_RUN < frequent + unmatched;
    }

    /** Numbers distinct lines (byte-exact, line end included) and counts each number's occurrences per file. */
    private static final class Classifier {
        private final int[] table;
        private final int mask;
        private int[] hashOf = new int[64];
        private byte[][] bytesOf = new byte[64][];
        private int[] startOf = new int[64];
        private int[] endOf = new int[64];
        private int classes;

        Classifier(int records) {
            int size = Integer.highestOneBit(Math.max(16, records * 2 - 1)) << 1;
            table = new int[size];
            Arrays.fill(table, -1);
            mask = size - 1;
        }

        void classify(Side one, Side two) {
            one.cls = numbers(one);
            two.cls = numbers(two);
            int[] countOne = new int[classes];
            int[] countTwo = new int[classes];
            for (int c : one.cls) {
                countOne[c]++;
            }
            for (int c : two.cls) {
                countTwo[c]++;
            }
            one.otherCounts = countTwo;
            two.otherCounts = countOne;
        }

        private int[] numbers(Side side) {
            int[] cls = new int[side.records];
            for (int r = 0; r < side.records; r++) {
                cls[r] = classOf(side.bytes, side.starts[r], side.starts[r + 1]);
            }
            return cls;
        }

        private int classOf(byte[] bytes, int start, int end) {
            int hash = 0;
            for (int i = start; i < end; i++) {
                hash = 31 * hash + bytes[i];
            }
            hash ^= hash >>> 16;
            int slot = (hash * 0x9E3779B9) & mask;
            while (table[slot] >= 0) {
                int c = table[slot];
                if (hashOf[c] == hash && Arrays.equals(bytesOf[c], startOf[c], endOf[c], bytes, start, end)) {
                    return c;
                }
                slot = (slot + 1) & mask;
            }
            if (classes == hashOf.length) {
                int grown = classes * 2;
                hashOf = Arrays.copyOf(hashOf, grown);
                bytesOf = Arrays.copyOf(bytesOf, grown);
                startOf = Arrays.copyOf(startOf, grown);
                endOf = Arrays.copyOf(endOf, grown);
            }
            hashOf[classes] = hash;
            bytesOf[classes] = bytes;
            startOf[classes] = start;
            endOf[classes] = end;
            table[slot] = classes;
            return classes++;
        }
    }

    /**
     * Divide and conquer on the middle snake, over the kept records only. Past a cost bound it stops looking for
     * the shortest script and takes a long snake, or the furthest-reaching diagonal, as git does.
     */
    private static final class Myers {
        private final Side one;
        private final Side two;
        private final int[] ha1;
        private final int[] ha2;
        private final int[] k;
        private final int forward;
        private final int backward;
        private final int maxCost;
        private int split1;
        private int split2;
        private boolean minimalLow;
        private boolean minimalHigh;

        Myers(Side one, Side two) {
            this.one = one;
            this.two = two;
            this.ha1 = one.kept;
            this.ha2 = two.kept;
            int diagonals = one.keptCount + two.keptCount + 3;
            k = new int[2 * diagonals + 2];
            forward = two.keptCount + 1;
            backward = diagonals + two.keptCount + 1;
            maxCost = Math.max(squareRootBound(diagonals), MAX_COST_MIN);
        }

        void compare() {
            Deque<int[]> boxes = new ArrayDeque<>();
            boxes.push(new int[] {0, one.keptCount, 0, two.keptCount, 0});
            while (!boxes.isEmpty()) {
                int[] box = boxes.pop();
                int off1 = box[0];
                int lim1 = box[1];
                int off2 = box[2];
                int lim2 = box[3];
                while (off1 < lim1 && off2 < lim2 && ha1[off1] == ha2[off2]) {
                    off1++;
                    off2++;
                }
                while (off1 < lim1 && off2 < lim2 && ha1[lim1 - 1] == ha2[lim2 - 1]) {
                    lim1--;
                    lim2--;
                }
                if (off1 == lim1) {
                    for (int i = off2; i < lim2; i++) {
                        two.mark(two.keptIndex[i], true);
                    }
                } else if (off2 == lim2) {
                    for (int i = off1; i < lim1; i++) {
                        one.mark(one.keptIndex[i], true);
                    }
                } else {
                    split(off1, lim1, off2, lim2, box[4] != 0);
                    boxes.push(new int[] {split1, lim1, split2, lim2, minimalHigh ? 1 : 0});
                    boxes.push(new int[] {off1, split1, off2, split2, minimalLow ? 1 : 0});
                }
            }
        }

        private int f(int d) {
            return k[forward + d];
        }

        private void setF(int d, int value) {
            k[forward + d] = value;
        }

        private int b(int d) {
            return k[backward + d];
        }

        private void setB(int d, int value) {
            k[backward + d] = value;
        }

        private void split(int off1, int lim1, int off2, int lim2, boolean needMinimal) {
            int dmin = off1 - lim2;
            int dmax = lim1 - off2;
            int fmid = off1 - off2;
            int bmid = lim1 - lim2;
            boolean odd = ((fmid - bmid) & 1) != 0;
            int fmin = fmid;
            int fmax = fmid;
            int bmin = bmid;
            int bmax = bmid;
            setF(fmid, off1);
            setB(bmid, lim1);
            for (int cost = 1; ; cost++) {
                boolean gotSnake = false;
                if (fmin > dmin) {
                    setF(--fmin - 1, -1);
                } else {
                    ++fmin;
                }
                if (fmax < dmax) {
                    setF(++fmax + 1, -1);
                } else {
                    --fmax;
                }
                for (int d = fmax; d >= fmin; d -= 2) {
                    int i1 = f(d - 1) >= f(d + 1) ? f(d - 1) + 1 : f(d + 1);
                    int prev1 = i1;
                    int i2 = i1 - d;
                    while (i1 < lim1 && i2 < lim2 && ha1[i1] == ha2[i2]) {
                        i1++;
                        i2++;
                    }
                    if (i1 - prev1 > SNAKE_COUNT) {
                        gotSnake = true;
                    }
                    setF(d, i1);
                    if (odd && bmin <= d && d <= bmax && b(d) <= i1) {
                        found(i1, i2, true, true);
                        return;
                    }
                }
                if (bmin > dmin) {
                    setB(--bmin - 1, LINE_MAX);
                } else {
                    ++bmin;
                }
                if (bmax < dmax) {
                    setB(++bmax + 1, LINE_MAX);
                } else {
                    --bmax;
                }
                for (int d = bmax; d >= bmin; d -= 2) {
                    int i1 = b(d - 1) < b(d + 1) ? b(d - 1) : b(d + 1) - 1;
                    int prev1 = i1;
                    int i2 = i1 - d;
                    while (i1 > off1 && i2 > off2 && ha1[i1 - 1] == ha2[i2 - 1]) {
                        i1--;
                        i2--;
                    }
                    if (prev1 - i1 > SNAKE_COUNT) {
                        gotSnake = true;
                    }
                    setB(d, i1);
                    if (!odd && fmin <= d && d <= fmax && i1 <= f(d)) {
                        found(i1, i2, true, true);
                        return;
                    }
                }
                if (needMinimal) {
                    continue;
                }
                if (gotSnake && cost > HEURISTIC_MIN_COST) {
                    if (goodForwardSnake(off1, lim1, off2, lim2, fmin, fmax, fmid, cost)
                            || goodBackwardSnake(off1, lim1, off2, lim2, bmin, bmax, bmid, cost)) {
                        return;
                    }
                }
                if (cost >= maxCost) {
                    furthestReaching(off1, lim1, off2, lim2, fmin, fmax, bmin, bmax);
                    return;
                }
            }
        }

        private boolean goodForwardSnake(int off1, int lim1, int off2, int lim2, int fmin, int fmax, int fmid,
                                         int cost) {
            int best = 0;
            for (int d = fmax; d >= fmin; d -= 2) {
                int dd = d > fmid ? d - fmid : fmid - d;
                int i1 = f(d);
                int i2 = i1 - d;
                int v = (i1 - off1) + (i2 - off2) - dd;
                if (v > HEURISTIC_FACTOR * cost && v > best && off1 + SNAKE_COUNT <= i1 && i1 < lim1
                        && off2 + SNAKE_COUNT <= i2 && i2 < lim2) {
                    for (int j = 1; ha1[i1 - j] == ha2[i2 - j]; j++) {
                        if (j == SNAKE_COUNT) {
                            best = v;
                            split1 = i1;
                            split2 = i2;
                            break;
                        }
                    }
                }
            }
            if (best > 0) {
                minimalLow = true;
                minimalHigh = false;
                return true;
            }
            return false;
        }

        private boolean goodBackwardSnake(int off1, int lim1, int off2, int lim2, int bmin, int bmax, int bmid,
                                          int cost) {
            int best = 0;
            for (int d = bmax; d >= bmin; d -= 2) {
                int dd = d > bmid ? d - bmid : bmid - d;
                int i1 = b(d);
                int i2 = i1 - d;
                int v = (lim1 - i1) + (lim2 - i2) - dd;
                if (v > HEURISTIC_FACTOR * cost && v > best && off1 < i1 && i1 <= lim1 - SNAKE_COUNT
                        && off2 < i2 && i2 <= lim2 - SNAKE_COUNT) {
                    for (int j = 0; ha1[i1 + j] == ha2[i2 + j]; j++) {
                        if (j == SNAKE_COUNT - 1) {
                            best = v;
                            split1 = i1;
                            split2 = i2;
                            break;
                        }
                    }
                }
            }
            if (best > 0) {
                minimalLow = false;
                minimalHigh = true;
                return true;
            }
            return false;
        }

        private void furthestReaching(int off1, int lim1, int off2, int lim2, int fmin, int fmax, int bmin,
                                      int bmax) {
            long fbest = -1;
            int fbest1 = -1;
            for (int d = fmax; d >= fmin; d -= 2) {
                int i1 = Math.min(f(d), lim1);
                int i2 = i1 - d;
                if (lim2 < i2) {
                    i1 = lim2 + d;
                    i2 = lim2;
                }
                if (fbest < (long) i1 + i2) {
                    fbest = (long) i1 + i2;
                    fbest1 = i1;
                }
            }
            long bbest = LINE_MAX;
            int bbest1 = LINE_MAX;
            for (int d = bmax; d >= bmin; d -= 2) {
                int i1 = Math.max(off1, b(d));
                int i2 = i1 - d;
                if (i2 < off2) {
                    i1 = off2 + d;
                    i2 = off2;
                }
                if ((long) i1 + i2 < bbest) {
                    bbest = (long) i1 + i2;
                    bbest1 = i1;
                }
            }
            if ((lim1 + lim2) - bbest < fbest - (off1 + off2)) {
                found(fbest1, (int) (fbest - fbest1), true, false);
            } else {
                found(bbest1, (int) (bbest - bbest1), false, true);
            }
        }

        private void found(int i1, int i2, boolean low, boolean high) {
            split1 = i1;
            split2 = i2;
            minimalLow = low;
            minimalHigh = high;
        }
    }
}
