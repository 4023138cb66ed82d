package io.decisionlog.blame.history;

import java.util.Arrays;

/** One file of a diff: its lines (records), their classes, and which are changed. */
final class DiffSide {
    private static final int MAX_EQUAL_LIMIT = 1024;
    private static final int SIMILAR_SCAN_WINDOW = 100;
    private static final int KEEP_DISCARDED_RUN = 4;

    final byte[] bytes;
    final int records;
    /** Record r spans bytes {@code [starts[r], starts[r + 1])}, its line end included. */
    final int[] starts;
    /** Record r's hash at {@code hashes[r]}. */
    final int[] hashes;
    /** Each line's class, for the lines between the common head and tail ({@code dstart..dend}) alone. */
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

    /** The first {@code size} bytes of a version, which end one of its lines or the version itself. */
    DiffSide(LineIndex lines, int size) {
        this.bytes = lines.bytes;
        this.records = lines.linesWithin(size);
        this.starts = lines.starts;
        this.hashes = lines.hashes;
        change = new boolean[records + 2];
    }

    /** The bytes the diff covers: its lines'. */
    int size() {
        return starts[records];
    }

    /** How many lines lie between the common head and tail. */
    int middle() {
        return dend - dstart + 1;
    }

    /** Whether two of this side's lines are equal, line end included. */
    boolean sameLine(int a, int b) {
        return hashes[a] == hashes[b]
                && Arrays.equals(bytes, starts[a], starts[a + 1], bytes, starts[b], starts[b + 1]);
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
        int limit = Math.min(GitLineDiff.squareRootBound(records), MAX_EQUAL_LIMIT);
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
            if (indent >= IndentHeuristic.MAX_INDENT) {
                return IndentHeuristic.MAX_INDENT;
            }
        }
        return -1;
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
}
