package io.decisionlog.minutes.sync;

/** The source's repository cannot be fetched now: recorded in its status, other sources carry on. */
public class SourceUnavailable extends RuntimeException {
    public SourceUnavailable(String message) {
        super(message);
    }

    public SourceUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
