package io.decisionlog.events;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A run of {@code count} lines from {@code start} (1-based) last written by commit {@code sha}. {@code ignoredRev}:
 * that commit is one the repository asks blame to ignore ({@code .git-blame-ignore-revs}), and these lines, which it
 * added, match no line of its parent, so they stay with it (git blame marks them the same way); absent when false.
 */
@WireFormat
public record BlameRange(int start, int count, String sha, String origPath, int origStart,
                         @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean ignoredRev) {

    public BlameRange(int start, int count, String sha, String origPath, int origStart) {
        this(start, count, sha, origPath, origStart, false);
    }
}
