package io.decisionlog.blame.history;

import io.decisionlog.events.BlameRange;
import org.eclipse.jgit.lib.ObjectId;

import java.util.List;

/**
 * The blame of files at an earlier commit (the base of an incremental blame), as it was published: what an
 * incremental walk takes over when it reaches that commit instead of walking the older history again.
 */
@FunctionalInterface
public interface PreviousBlame {

    /** Knows nothing: every file is blamed through the history. */
    PreviousBlame NONE = (path, blob) -> null;

    /**
     * @return the ranges (1-based, contiguous, covering every line) of {@code path} at the base, if they are known
     * for exactly that version of the file ({@code blob}); null otherwise
     */
    List<BlameRange> lookup(String path, ObjectId blob);
}
