package io.decisionlog.blame.history;

/**
 * git's slider compaction: a group of changed lines bordered by lines equal to its own first or last line can
 * slide up or down without changing the diff's meaning. Each group is slid as far as it goes (merging with the
 * groups it meets), then placed: lined up with a change in the other file when one is in reach, else where the
 * indent heuristic scores its two borders best (blank lines and indentation around each split).
 */
final class SliderCompaction {
    private final DiffSide side;
    /** The group being placed, and the group of the other file at the same position, kept in step with it. */
    private final ChangeGroup group;
    private final ChangeGroup other;
    private final IndentHeuristic indentHeuristic;

    private SliderCompaction(DiffSide side, DiffSide other) {
        this.side = side;
        this.group = new ChangeGroup(side);
        this.other = new ChangeGroup(other);
        this.indentHeuristic = new IndentHeuristic(side);
    }

    /** Compacts {@code side}'s groups, keeping {@code other}'s groups in step. */
    static void compact(DiffSide side, DiffSide other) {
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
        int bestShift = indentHeuristic.bestEnd(group.end, earliestEnd, size);
        while (group.end > bestShift) {
            requireStep(slideUp());
            requireStep(other.previous());
        }
    }

    private static void requireStep(boolean moved) {
        if (!moved) {
            throw new IllegalStateException("slider compaction lost step between the two files");
        }
    }

    /** Moves the group down one line when the line after it equals its first; it absorbs any group it meets. */
    private boolean slideDown() {
        ChangeGroup g = group;
        if (g.end < side.records && side.sameLine(g.start, g.end)) {
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
        ChangeGroup g = group;
        if (g.start > 0 && side.sameLine(g.start - 1, g.end - 1)) {
            side.mark(--g.start, true);
            side.mark(--g.end, false);
            while (side.changed(g.start - 1)) {
                g.start--;
            }
            return true;
        }
        return false;
    }
}
