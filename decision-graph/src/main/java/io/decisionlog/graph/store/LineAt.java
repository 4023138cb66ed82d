package io.decisionlog.graph.store;

/**
 * What the store knows of one line: its file's length and tip, and, when the line is in range, the range that
 * covers it ({@code sha} null otherwise) and its text (null when the file was published without text).
 */
public record LineAt(int fileLines, String rev, String sha, String origPath, int origLine, String text) {

    public boolean inRange() {
        return sha != null;
    }
}
