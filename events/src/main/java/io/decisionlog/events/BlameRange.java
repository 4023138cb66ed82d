package io.decisionlog.events;

/** A run of {@code count} lines from {@code start} (1-based) last written by commit {@code sha}. */
@WireFormat
public record BlameRange(int start, int count, String sha, String origPath, int origStart) {
}
