package io.decisionlog.blame.sync;

import io.decisionlog.blame.history.FileBlame;
import io.decisionlog.events.BlameFile;
import io.decisionlog.events.Topics;
import org.eclipse.jgit.lib.ObjectReader;

import java.io.IOException;

/**
 * A file's blame as a record under Kafka's 1 MB: the producer compresses (zstd) and a record whose JSON is still
 * over {@value #MAX_BYTES} bytes is sent without its line text (the contract allows it); one over the limit even
 * so is not sent at all, and the file is listed as skipped.
 */
final class BlameRecords {
    static final int MAX_BYTES = 900_000;

    private BlameRecords() {
    }

    /** @return the record, or null when even without text it is too large */
    static BlameFile of(String repo, String tip, FileBlame file, ObjectReader reader) throws IOException {
        BlameFile full = new BlameFile(repo, file.path(), tip, file.lines(), file.ranges(), file.text(reader));
        if (size(full) <= MAX_BYTES) {
            return full;
        }
        BlameFile withoutText = new BlameFile(repo, file.path(), tip, file.lines(), full.ranges(), null);
        return size(withoutText) <= MAX_BYTES ? withoutText : null;
    }

    static int size(BlameFile record) {
        return Topics.BLAME.valueSerde().serialize(Topics.BLAME.name(), record).length;
    }
}
