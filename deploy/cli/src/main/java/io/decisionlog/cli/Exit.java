package io.decisionlog.cli;

/** Exit codes scripts can rely on; the same for every command. */
public final class Exit {
    /** Done; for {@code trace}: the chain is complete. */
    public static final int OK = 0;
    /** Not found (404), or found but not complete (a chain with {@code missing[]}), or the demo's deadline passed. */
    public static final int NOT_FOUND = 1;
    /** The command line, or a request built from it, was wrong (a 400 names what). */
    public static final int USAGE = 2;
    /** A service could not be reached, or answered that it cannot serve now (5xx). */
    public static final int UNREACHABLE = 3;
    /** {@code validate}: at least one minutes file is invalid. */
    public static final int INVALID = 4;

    private Exit() {
    }
}
