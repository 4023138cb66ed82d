package io.decisionlog.events;

/** One problem in a minutes file, at a 1-based line and column (0 when the problem has no position). */
@WireFormat
public record MinutesError(String message, int line, int column) {
}
