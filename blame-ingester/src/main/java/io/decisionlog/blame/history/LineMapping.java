package io.decisionlog.blame.history;

import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;

import java.util.Arrays;

/**
 * Splits a job's lines by a diff from a parent version (A) to the job's version (B): lines outside every edit
 * existed unchanged in the parent and move there (renumbered); lines inside an edit were written by this commit.
 */
final class LineMapping {
    final int[] passedLines;
    final int[] passedTip;
    final int[] keptLines;
    final int[] keptTip;

    private LineMapping(int[] passedLines, int[] passedTip, int[] keptLines, int[] keptTip) {
        this.passedLines = passedLines;
        this.passedTip = passedTip;
        this.keptLines = keptLines;
        this.keptTip = keptTip;
    }

    /**
     * The same split after an ignored commit's guess: kept lines with an origin ({@code origins[k]} for
     * {@code keptLines[k]}, -1 for none) move to the parent at that line, in the parent's line order.
     */
    LineMapping withMatched(int[] origins) {
        int matched = 0;
        for (int origin : origins) {
            matched += origin >= 0 ? 1 : 0;
        }
        if (matched == 0) {
            return this;
        }
        long[] toParent = new long[passedLines.length + matched];
        int n = 0;
        for (int k = 0; k < passedLines.length; k++) {
            toParent[n++] = (long) passedLines[k] << 32 | passedTip[k];
        }
        int[] stillKept = new int[keptLines.length - matched];
        int[] stillKeptTip = new int[stillKept.length];
        int kept = 0;
        for (int k = 0; k < keptLines.length; k++) {
            if (origins[k] >= 0) {
                toParent[n++] = (long) origins[k] << 32 | keptTip[k];
            } else {
                stillKept[kept] = keptLines[k];
                stillKeptTip[kept++] = keptTip[k];
            }
        }
        Arrays.sort(toParent);
        int[] lines = new int[n];
        int[] tip = new int[n];
        for (int i = 0; i < n; i++) {
            lines[i] = (int) (toParent[i] >>> 32);
            tip[i] = (int) toParent[i];
        }
        return new LineMapping(lines, tip, stillKept, stillKeptTip);
    }

    static LineMapping split(Job job, EditList edits) {
        int n = job.size();
        int[] passedLines = new int[n];
        int[] passedTip = new int[n];
        int[] keptLines = new int[n];
        int[] keptTip = new int[n];
        int passed = 0;
        int kept = 0;
        int e = 0;
        int offset = 0;
        for (int k = 0; k < n; k++) {
            int line = job.lines()[k];
            while (e < edits.size() && edits.get(e).getEndB() <= line) {
                Edit done = edits.get(e++);
                offset = done.getEndB() - done.getEndA();
            }
            if (e < edits.size() && edits.get(e).getBeginB() <= line) {
                keptLines[kept] = line;
                keptTip[kept++] = job.tipLines()[k];
            } else {
                passedLines[passed] = line - offset;
                passedTip[passed++] = job.tipLines()[k];
            }
        }
        return new LineMapping(Arrays.copyOf(passedLines, passed), Arrays.copyOf(passedTip, passed),
                Arrays.copyOf(keptLines, kept), Arrays.copyOf(keptTip, kept));
    }
}
