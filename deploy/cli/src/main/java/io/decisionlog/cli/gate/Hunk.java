package io.decisionlog.cli.gate;

import java.util.List;

/**
 * One changed region of a governed file, in the new version's lines: {@code start..end} (1-based, inclusive). A
 * deletion has no new lines: it is placed at the line after it ({@code end == start - 1}), and {@code removed} says
 * how many lines went. {@code added} holds the first few new lines, for a person to recognise the change.
 */
public record Hunk(String path, int start, int end, int removed, List<String> added) {
    static final int SHOWN_LINES = 5;
    static final int SHOWN_CHARS = 200;

    public boolean deletionOnly() {
        return end < start;
    }

    /** {@code config/app.yaml:12-14}, {@code config/app.yaml:12}, or for a deletion the line it was before. */
    public String label() {
        if (deletionOnly()) {
            return path + ":" + Math.max(start, 1);
        }
        return path + ":" + (start == end ? String.valueOf(start) : start + "-" + end);
    }

    /** The region as SARIF and editors want it: at least one line. */
    public int lastLine() {
        return Math.max(end, Math.max(start, 1));
    }
}
