package io.decisionlog.blame.history;

/**
 * git's slider compaction: a group of changed lines bordered by lines equal to its own first or last line can
 * slide up or down without changing the diff's meaning. Each group is slid as far as it goes (merging with the
 * groups it meets), then placed: lined up with a change in the other file when one is in reach, else where the
 * indent heuristic scores its two borders best (blank lines and indentation around each split).
 */
final class SliderCompaction {
    static final int MAX_INDENT = 200;
    private static final int MAX_BLANKS = 20;
    private static final int MAX_SLIDING = 100;
    private static final int START_OF_FILE_PENALTY = 1;
    private static final int END_OF_FILE_PENALTY = 21;
    private static final int TOTAL_BLANK_WEIGHT = -30;
    private static final int POST_BLANK_WEIGHT = 6;
    private static final int RELATIVE_INDENT_PENALTY = -4;
    private static final int RELATIVE_INDENT_WITH_BLANK_PENALTY = 10;
    private static final int RELATIVE_OUTDENT_PENALTY = 24;
    private static final int RELATIVE_OUTDENT_WITH_BLANK_PENALTY = 17;
    private static final int RELATIVE_DEDENT_PENALTY = 23;
    private static final int RELATIVE_DEDENT_WITH_BLANK_PENALTY = 17;
    private static final int INDENT_WEIGHT = 60;

    private final GitLineDiff.Side side;
    /** The group being placed, and the group of the other file at the same position, kept in step with it. */
    private final Group group;
    private final Group other;

    private SliderCompaction(GitLineDiff.Side side, GitLineDiff.Side other) {
        this.side = side;
        this.group = new Group(side);
        this.other = new Group(other);
    }

    /** Compacts {@code side}'s groups, keeping {@code other}'s groups in step. */
    static void compact(GitLineDiff.Side side, GitLineDiff.Side other) {
        new SliderCompaction(side, other).run();
    }

    private void run() {
        while (true) {
            if (!group.isEmpty()) {
                place();
            }
            if (!group.next()) {
                break;
            }
            requireStep(other.next());
        }
    }

    private void place() {
        int size;
        int earliestEnd;
        int endMatchingOther;
        do {
            size = group.size();
            endMatchingOther = -1;
            while (slideUp()) {
                requireStep(other.previous());
            }
            earliestEnd = group.end;
            if (!other.isEmpty()) {
                endMatchingOther = group.end;
            }
            while (slideDown()) {
                requireStep(other.next());
                if (!other.isEmpty()) {
                    endMatchingOther = group.end;
                }
            }
        } while (size != group.size());

        if (group.end == earliestEnd) {
            return;
        }
        if (endMatchingOther != -1) {
            while (other.isEmpty()) {
                requireStep(slideUp());
                requireStep(other.previous());
            }
            return;
        }
        int bestShift = bestShiftByIndent(earliestEnd, size);
        while (group.end > bestShift) {
            requireStep(slideUp());
            requireStep(other.previous());
        }
    }

    private int bestShiftByIndent(int earliestEnd, int size) {
        int end = group.end;
        int shift = Math.max(earliestEnd, Math.max(end - size - 1, end - MAX_SLIDING));
        int bestShift = -1;
        int bestIndent = 0;
        int bestPenalty = 0;
        for (; shift <= end; shift++) {
            Score score = new Score();
            score.add(measure(shift));
            score.add(measure(shift - size));
            if (bestShift == -1 || score.compareTo(bestIndent, bestPenalty) <= 0) {
                bestIndent = score.effectiveIndent;
                bestPenalty = score.penalty;
                bestShift = shift;
            }
        }
        return bestShift;
    }

    private static void requireStep(boolean moved) {
        if (!moved) {
            throw new IllegalStateException("slider compaction lost step between the two files");
        }
    }

    /** Moves the group down one line when the line after it equals its first; it absorbs any group it meets. */
    private boolean slideDown() {
        Group g = group;
        if (g.end < side.records && side.cls[g.start] == side.cls[g.end]) {
            side.mark(g.start++, false);
            side.mark(g.end++, true);
            while (side.changed(g.end)) {
                g.end++;
            }
            return true;
        }
        return false;
    }

    /** Moves the group up one line when the line before it equals its last; it absorbs any group it meets. */
    private boolean slideUp() {
        Group g = group;
        if (g.start > 0 && side.cls[g.start - 1] == side.cls[g.end - 1]) {
            side.mark(--g.start, true);
            side.mark(--g.end, false);
            while (side.changed(g.start - 1)) {
                g.start--;
            }
            return true;
        }
        return false;
    }

    /** A maximal run of changed lines {@code [start, end)} of one file; empty, it is a position between lines. */
    private static final class Group {
        private final GitLineDiff.Side file;
        int start;
        int end;

        Group(GitLineDiff.Side file) {
            this.file = file;
            while (file.changed(end)) {
                end++;
            }
        }

        boolean isEmpty() {
            return end == start;
        }

        int size() {
            return end - start;
        }

        boolean next() {
            if (end == file.records) {
                return false;
            }
            start = end + 1;
            end = start;
            while (file.changed(end)) {
                end++;
            }
            return true;
        }

        boolean previous() {
            if (start == 0) {
                return false;
            }
            end = start - 1;
            start = end;
            while (file.changed(start - 1)) {
                start--;
            }
            return true;
        }
    }

    /** What surrounds a split just before line {@code split}: blank lines and indentation either side. */
    private record Split(boolean endOfFile, int indent, int preBlank, int preIndent, int postBlank, int postIndent) {
    }

    private Split measure(int split) {
        boolean endOfFile = split >= side.records;
        int indent = endOfFile ? -1 : side.indent(split);
        int preBlank = 0;
        int preIndent = -1;
        for (int i = split - 1; i >= 0; i--) {
            preIndent = side.indent(i);
            if (preIndent != -1) {
                break;
            }
            preBlank++;
            if (preBlank == MAX_BLANKS) {
                preIndent = 0;
                break;
            }
        }
        int postBlank = 0;
        int postIndent = -1;
        for (int i = split + 1; i < side.records; i++) {
            postIndent = side.indent(i);
            if (postIndent != -1) {
                break;
            }
            postBlank++;
            if (postBlank == MAX_BLANKS) {
                postIndent = 0;
                break;
            }
        }
        return new Split(endOfFile, indent, preBlank, preIndent, postBlank, postIndent);
    }

    /** The badness of a group position: lower is better; indentation weighs more than the other penalties. */
    private static final class Score {
        int effectiveIndent;
        int penalty;

        void add(Split m) {
            if (m.preIndent() == -1 && m.preBlank() == 0) {
                penalty += START_OF_FILE_PENALTY;
            }
            if (m.endOfFile()) {
                penalty += END_OF_FILE_PENALTY;
            }
            int postBlank = m.indent() == -1 ? 1 + m.postBlank() : 0;
            int totalBlank = m.preBlank() + postBlank;
            penalty += TOTAL_BLANK_WEIGHT * totalBlank;
            penalty += POST_BLANK_WEIGHT * postBlank;
            int indent = m.indent() != -1 ? m.indent() : m.postIndent();
            boolean anyBlanks = totalBlank != 0;
            effectiveIndent += indent;
            if (indent == -1 || m.preIndent() == -1 || indent == m.preIndent()) {
                return;
            }
            if (indent > m.preIndent()) {
                penalty += anyBlanks ? RELATIVE_INDENT_WITH_BLANK_PENALTY : RELATIVE_INDENT_PENALTY;
            } else if (m.postIndent() != -1 && m.postIndent() > indent) {
                penalty += anyBlanks ? RELATIVE_OUTDENT_WITH_BLANK_PENALTY : RELATIVE_OUTDENT_PENALTY;
            } else {
                penalty += anyBlanks ? RELATIVE_DEDENT_WITH_BLANK_PENALTY : RELATIVE_DEDENT_PENALTY;
            }
        }

        int compareTo(int otherIndent, int otherPenalty) {
            int indents = Integer.compare(effectiveIndent, otherIndent);
            return INDENT_WEIGHT * indents + (penalty - otherPenalty);
        }
    }
}
