package io.decisionlog.blame.history;

import org.eclipse.jgit.diff.SimilarityIndex;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;

import java.io.IOException;

/**
 * The similarity indexes of the files a walk has compared for renames, the most recently used kept within a budget of
 * their files' bytes (an index takes about half its file's size). A commit that adds n files beside m deleted ones
 * compares each added file with every deleted one: on prometheus-community/helm-charts the walk asked for 23,709
 * indexes of 508 distinct files, and building each again hashed 469 MB.
 */
final class SimilarityIndexes {
    static final long KEPT_BYTES = 16 << 20;

    private record Kept(SimilarityIndex index, long bytes) {
    }

    private final RecentlyUsed<Kept> kept = new RecentlyUsed<>(KEPT_BYTES, KEPT_BYTES / 4, Kept::bytes);

    /** Null when the index does not fit in memory (JGit then gives up on it, and so does rename detection). */
    SimilarityIndex of(ObjectId blob, ObjectReader reader) throws IOException {
        Kept known = kept.get(blob);
        if (known != null) {
            return known.index();
        }
        ObjectLoader loader = reader.open(blob, Constants.OBJ_BLOB);
        SimilarityIndex index = build(loader);
        kept.put(blob, new Kept(index, loader.getSize()));
        return index;
    }

    private static SimilarityIndex build(ObjectLoader loader) throws IOException {
        try {
            return SimilarityIndex.create(loader);
        } catch (SimilarityIndex.TableFullException e) {
            return null;
        }
    }
}
