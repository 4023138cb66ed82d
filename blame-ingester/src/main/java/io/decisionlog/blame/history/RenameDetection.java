package io.decisionlog.blame.history;

import org.eclipse.jgit.diff.SimilarityIndex;
import org.eclipse.jgit.lib.ObjectId;

import java.io.IOException;
import java.util.Map;

/**
 * Where a file added by a commit came from in the parent, as git blame finds it: the most similar file the commit
 * deleted (an identical one first), at least 50% similar. Unlike a diff's rename pairing, one deleted file may be
 * the origin of several added ones.
 */
final class RenameDetection {
    /** git's similarity threshold for a rename, in percent. */
    private static final int RENAME_SCORE = 50;

    /** Where a file's lines were in a parent. */
    record Origin(String path, ObjectId blob) {
    }

    private RenameDetection() {
    }

    /** @return the origin of the added file with blob {@code added}, or null when nothing deleted is similar enough */
    static Origin sourceOf(ObjectId added, Map<String, PathChange> changes, Blobs blobs) throws IOException {
        Origin identical = identicalSource(added, changes);
        return identical != null ? identical : mostSimilarSource(added, changes, blobs);
    }

    /** Looked for first, so that a commit moving n files builds no similarity index for them, not n squared. */
    private static Origin identicalSource(ObjectId added, Map<String, PathChange> changes) {
        for (Map.Entry<String, PathChange> entry : changes.entrySet()) {
            PathChange change = entry.getValue();
            if (deleted(change) && change.oldBlob().equals(added)) {
                return new Origin(entry.getKey(), change.oldBlob());
            }
        }
        return null;
    }

    private static Origin mostSimilarSource(ObjectId added, Map<String, PathChange> changes, Blobs blobs)
            throws IOException {
        Origin best = null;
        int bestScore = RENAME_SCORE - 1;
        SimilarityIndex target = null;
        for (Map.Entry<String, PathChange> entry : changes.entrySet()) {
            PathChange change = entry.getValue();
            if (!deleted(change) || !blobs.diffable(change.oldBlob())) {
                continue;
            }
            if (target == null) {
                target = blobs.similarity(added);
                if (target == null) {
                    return null;
                }
            }
            SimilarityIndex source = blobs.similarity(change.oldBlob());
            int score = source == null ? 0 : source.score(target, 100);
            if (score > bestScore) {
                bestScore = score;
                best = new Origin(entry.getKey(), change.oldBlob());
            }
        }
        return best;
    }

    private static boolean deleted(PathChange change) {
        return change.oldBlob() != null && !change.stillExists();
    }
}
