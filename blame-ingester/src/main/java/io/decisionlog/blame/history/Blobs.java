package io.decisionlog.blame.history;

import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.SimilarityIndex;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;

import java.io.IOException;

/**
 * The file versions one walk reads: whether a version may be diffed at all, its text and its lines' index (the most
 * recently used kept, within {@value #KEPT_BYTES} bytes of text, since a file's consecutive versions are diffed
 * pairwise, each once as the newer side and once as the older), and its similarity index for rename detection.
 */
final class Blobs {
    /**
     * Small, because a walk's heap is the service's (256 MB). Measured walks, one run each: jenkinsci/jenkins with the
     * last 512 versions kept 16.9 s (27 full collections, 2.7 s of GC), with 2 MiB 15.5-16.0 s (8, 1.3 s), with 32 MiB
     * 17.5 s; prometheus-community/helm-charts, whose large chart files change often, is the other way: 4.2 s with
     * 512 versions, 4.6 s with 2 MiB, 3.6 s with 32 MiB; 2i2c's peak RSS is 238-298 MiB with 2 MiB and 328 with 32.
     */
    static final long KEPT_BYTES = 2 << 20;
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

    /** Null when the index does not fit in memory (JGit then gives up on it, and so does rename detection). */
    SimilarityIndex similarity(ObjectId blob) throws IOException {
        return similarities.of(blob, reader);
    }
}
