package io.decisionlog.cli;

/** Ends a command with an exit code ({@link Exit}) and one message for stderr. */
public class CliException extends RuntimeException {
    private final int exitCode;
    private final boolean synopsis;

    public CliException(int exitCode, String message) {
        this(exitCode, message, false);
    }

    private CliException(int exitCode, String message, boolean synopsis) {
        super(message, null, false, false);
        this.exitCode = exitCode;
        this.synopsis = synopsis;
    }

    public int exitCode() {
        return exitCode;
    }

    /** True when the command line itself was wrong: the command's synopsis is printed under the message. */
    public boolean synopsis() {
        return synopsis;
    }

    /** The command line is wrong (exit 2, with the synopsis). */
    public static CliException usage(String message) {
        return new CliException(Exit.USAGE, message, true);
    }

    /** A request built from the command line was refused, or is ambiguous (exit 2, no synopsis). */
    public static CliException refused(String message) {
        return new CliException(Exit.USAGE, message, false);
    }

    public static CliException notFound(String message) {
        return new CliException(Exit.NOT_FOUND, message);
    }

    public static CliException unreachable(String message) {
        return new CliException(Exit.UNREACHABLE, message);
    }
}
