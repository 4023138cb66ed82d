package io.decisionlog.blame.history;

import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.SimilarityIndex;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;

import java.io.IOException;

/**
 * The file versions one walk reads: whether a version may be diffed at all, its text and its lines' index, and its
 * similarity index for rename detection. A file's consecutive versions are diffed pairwise, each once as the newer
 * side and once as the older: the most recently used are kept within {@link #KEPT_BYTES} bytes of text, and a version
 * the walk is done with as the newer side is let go at once ({@link #forget}), so that the room goes to older sides,
 * which the walk reads again when it reaches the commit that made them.
 */
final class Blobs {
    /**
     * A sixteenth of the heap, at least 2 MiB: 16 MiB in the service's 256 MB. Measured walks of one build, with the
     * newer sides let go (versions read again / all reads): prometheus-community/helm-charts, whose large chart files
     * change often, 7,980 of 26,026 with 2 MiB, 2,469 with 8, 50 of 17,362 with 16; jenkinsci/jenkins 41,372 of 130,261
     * with 2 MiB and 15,398 of 103,341 with 16, its live heap after a full collection 82-99 MB against 103-118 (with
     * 32 MiB and without letting go, an earlier session's jenkins walk was slower than with 2 MiB).
     */
    static final long KEPT_BYTES = Math.max(2 << 20, Runtime.getRuntime().maxMemory() / 16);
    private final ObjectReader reader;
    private final long maxFileBytes;
    private final RecentlyUsed<Version> versions =
            new RecentlyUsed<>(KEPT_BYTES, KEPT_BYTES / 2, version -> version.bytes.length);

    private final SimilarityIndexes similarities = new SimilarityIndexes();

    /** A version's bytes, and what a walk derives from them when it first needs it. */
    private static final class Version {
        private final byte[] bytes;
        private RawText text;
        private LineIndex lines;

        Version(byte[] bytes) {
            this.bytes = bytes;
        }

        Version(RawText text) {
            this(text.getRawContent());
            this.text = text;
        }

        RawText text() {
            if (text == null) {
                text = new RawText(bytes);
            }
            return text;
        }

        LineIndex lines() {
            if (lines == null) {
                lines = LineIndex.of(bytes);
            }
            return lines;
        }
    }

    Blobs(ObjectReader reader, long maxFileBytes) {
        this.reader = reader;
        this.maxFileBytes = maxFileBytes;
    }

    /** False for a version over the size limit or absent (a partial clone): too large to diff within the heap budget. */
    boolean diffable(ObjectId blob) throws IOException {
        try {
            return reader.getObjectSize(blob, Constants.OBJ_BLOB) <= maxFileBytes;
        } catch (MissingObjectException e) {
            return false;
        }
    }

    /** A text already read (a tip file's), so that its first diff does not read it again. */
    void remember(ObjectId blob, RawText text) {
        versions.put(blob, new Version(text));
    }

    RawText text(ObjectId blob) throws IOException {
        return version(blob).text();
    }

    LineIndex lines(ObjectId blob) throws IOException {
        return version(blob).lines();
    }

    private Version version(ObjectId blob) throws IOException {
        Version version = versions.get(blob);
        if (version == null) {
            version = new Version(reader.open(blob).getCachedBytes(Integer.MAX_VALUE));
            versions.put(blob, version);
        }
        return version;
    }

    /** A version the walk is done with: its room goes to the versions it will read again. */
    void forget(ObjectId blob) {
        versions.remove(blob);
    }

    /** Null when the index does not fit in memory (JGit then gives up on it, and so does rename detection). */
    SimilarityIndex similarity(ObjectId blob) throws IOException {
        return similarities.of(blob, reader);
    }
}
