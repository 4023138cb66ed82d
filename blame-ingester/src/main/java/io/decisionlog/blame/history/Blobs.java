package io.decisionlog.blame.history;

import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.SimilarityIndex;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The file versions one walk reads: whether a version may be diffed at all, its text and its lines' index (the most
 * recently used 512 kept, since a file's consecutive versions are diffed pairwise, each once as the newer side and once
 * as the older), and its similarity index for rename detection.
 */
final class Blobs {
    private final ObjectReader reader;
    private final long maxFileBytes;
    private final Map<ObjectId, Version> versions = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ObjectId, Version> eldest) {
            return size() > 512;
        }
    };

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
