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
 * The file versions one walk reads: whether a version may be diffed at all, its text (the most recently used 512
 * kept, since a file's consecutive versions are diffed pairwise), and its similarity index for rename detection.
 */
final class Blobs {
    private final ObjectReader reader;
    private final long maxFileBytes;
    private final Map<ObjectId, RawText> texts = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ObjectId, RawText> eldest) {
            return size() > 512;
        }
    };

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
        texts.put(blob, text);
    }

    RawText text(ObjectId blob) throws IOException {
        RawText text = texts.get(blob);
        if (text == null) {
            text = new RawText(reader.open(blob).getCachedBytes(Integer.MAX_VALUE));
            texts.put(blob, text);
        }
        return text;
    }

    /** Null when the file has too many distinct lines for an index. */
    SimilarityIndex similarity(ObjectId blob) throws IOException {
        try {
            return SimilarityIndex.create(reader.open(blob, Constants.OBJ_BLOB));
        } catch (SimilarityIndex.TableFullException e) {
            return null;
        }
    }
}
