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
    private final GitLineDiff.Side other;
    /** The current group of changed lines in each file, {@code [start, end)}; an empty group is a position. */
    private int start;
    private int end;
    private int otherStart;
    private int otherEnd;

    private SliderCompaction(GitLineDiff.Side side, GitLineDiff.Side other) {
        this.side = side;
        this.other = other;
    }

    /** Compacts {@code side}'s groups, keeping {@code other}'s groups in step. */
    static void compact(GitLineDiff.Side side, GitLineDiff.Side other) {
        new SliderCompaction(side, other).run();
    }

    private void run() {
        end = firstGroupEnd(side);
        otherEnd = firstGroupEnd(other);
        while (true) {
            if (end != start) {
                place();
            }
            if (!next()) {
                break;
            }
            if (!otherNext()) {
                throw new IllegalStateException("groups out of step moving to the next group");
            }
        }
    }

    private static int firstGroupEnd(GitLineDiff.Side file) {
        int e = 0;
        while (file.changed(e)) {
            e++;
        }
        return e;
    }

    private void place() {
        int size;
        int earliestEnd;
        int endMatchingOther;
        do {
            size = end - start;
            endMatchingOther = -1;
            while (slideUp()) {
                requireStep(otherPrevious());
            }
            earliestEnd = end;
            if (otherEnd > otherStart) {
                endMatchingOther = end;
            }
            while (slideDown()) {
                requireStep(otherNext());
                if (otherEnd > otherStart) {
                    endMatchingOther = end;
                }
            }
        } while (size != end - start);

        if (end == earliestEnd) {
            return;
        }
        if (endMatchingOther != -1) {
            while (otherEnd == otherStart) {
                requireStep(slideUp());
                requireStep(otherPrevious());
            }
            return;
        }
        int bestShift = bestShiftByIndent(earliestEnd, size);
        while (end > bestShift) {
            requireStep(slideUp());
            requireStep(otherPrevious());
        }
    }

    private int bestShiftByIndent(int earliestEnd, int size) {
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

    private boolean next() {
        if (end == side.records) {
            return false;
        }
        start = end + 1;
        end = start;
        while (side.changed(end)) {
            end++;
        }
        return true;
    }

    private boolean otherNext() {
        if (otherEnd == other.records) {
            return false;
        }
        otherStart = otherEnd + 1;
        otherEnd = otherStart;
        while (other.changed(otherEnd)) {
            otherEnd++;
        }
        return true;
    }

    private boolean otherPrevious() {
        if (otherStart == 0) {
            return false;
        }
        otherEnd = otherStart - 1;
        otherStart = otherEnd;
        while (other.changed(otherStart - 1)) {
            otherStart--;
        }
        return true;
    }

    private boolean slideDown() {
        if (end < side.records && side.cls[start] == side.cls[end]) {
            side.mark(start++, false);
            side.mark(end++, true);
            while (side.changed(end)) {
                end++;
            }
            return true;
        }
        return false;
    }

    private boolean slideUp() {
        if (start > 0 && side.cls[start - 1] == side.cls[end - 1]) {
            side.mark(--start, true);
            side.mark(--end, false);
            while (side.changed(start - 1)) {
                start--;
            }
            return true;
        }
        return false;
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
