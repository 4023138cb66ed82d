package io.decisionlog.graph.store;

/**
 * What the store knows of one line: its file's length and tip, and, when the line is in range, the range that
 * covers it ({@code sha} null otherwise), that line's text (null when the file was published without text) and the
 * chain of the range's commit (null when decision-graph has not seen the commit).
 */
public record LineAt(int fileLines, String rev, String sha, String origPath, int origLine, String text,
                     StoredChain chain) {

    public boolean inRange() {
        return sha != null;
    }
}
