package io.decisionlog.events.yaml;

/**
 * A document that cannot even be read as YAML (too large, not UTF-8, not well-formed, over a limit): the first such
 * problem, with its 1-based line and column (0 when it concerns the whole file).
 */
public final class YamlRejected extends RuntimeException {
    private final int line;
    private final int column;

    public YamlRejected(String message, int line, int column) {
        super(message, null, false, false);
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
