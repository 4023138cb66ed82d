package io.decisionlog.blame.history;

import org.eclipse.jgit.lib.ObjectId;

/**
 * Lines of one tip file still looking for their author: {@code lines[k]} (0-based, ascending) in the version of
 * {@code path} with blob {@code blob} is the tip file's line {@code tipLines[k]}.
 */
record Job(FileBlame file, String path, ObjectId blob, int[] lines, int[] tipLines) {

    int size() {
        return lines.length;
    }

    /** Both jobs' lines in one, for a file that reaches the same version along two paths of history. */
    Job mergedWith(Job other) {
        int[] mergedLines = new int[size() + other.size()];
        int[] mergedTip = new int[mergedLines.length];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < size() || j < other.size()) {
            boolean takeThis = j >= other.size() || (i < size() && lines[i] <= other.lines[j]);
            if (takeThis) {
                mergedLines[k] = lines[i];
                mergedTip[k++] = tipLines[i++];
            } else {
                mergedLines[k] = other.lines[j];
                mergedTip[k++] = other.tipLines[j++];
            }
        }
        return new Job(file, path, blob, mergedLines, mergedTip);
    }
}
