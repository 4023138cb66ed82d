package io.decisionlog.graph.store;

/**
 * What the store knows of one line: its file's length and tip, and, when the line is in range, the range that
 * covers it ({@code sha} null otherwise), that line's text (null when the file was published without text) and the
 * chain of the range's commit (null when decision-graph has not seen the commit). {@code ignoredRev}: the commit is one
 * the repository's blame ignores, and the line matched nothing in its parent.
 */
public record LineAt(int fileLines, String rev, String sha, String origPath, int origLine, String text,
                     StoredChain chain, boolean ignoredRev) {

    public boolean inRange() {
        return sha != null;
    }
}
