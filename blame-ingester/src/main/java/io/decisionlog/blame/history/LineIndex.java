package io.decisionlog.blame.history;

import java.util.Arrays;

/**
 * A file version's lines, found and hashed in one pass. A walk diffs most versions twice, once as the newer side and
 * once as the older, so {@link Blobs} keeps this beside the text instead of splitting and hashing it again.
 */
final class LineIndex {
    final byte[] bytes;
    /** Line r spans bytes {@code [starts[r], starts[r + 1])}, its line end included; an unterminated last line counts. */
    final int[] starts;
    /** Each line's hash, line end included: equal lines hash alike, so only equal hashes need their bytes compared. */
    final int[] hashes;
    final int lines;

    private LineIndex(byte[] bytes, int[] starts, int[] hashes, int lines) {
        this.bytes = bytes;
        this.starts = starts;
        this.hashes = hashes;
        this.lines = lines;
    }

    static LineIndex of(byte[] bytes) {
        int[] starts = new int[16];
        int[] hashes = new int[16];
        int lines = 0;
        int hash = 0;
        for (int i = 0; i < bytes.length; i++) {
            hash = 31 * hash + bytes[i];
            if (bytes[i] == '\n') {
                if (lines + 1 == starts.length) {
                    starts = Arrays.copyOf(starts, starts.length * 2);
                    hashes = Arrays.copyOf(hashes, hashes.length * 2);
                }
                hashes[lines] = hash ^ hash >>> 16;
                starts[++lines] = i + 1;
                hash = 0;
            }
        }
        if (bytes.length > 0 && bytes[bytes.length - 1] != '\n') {
            if (lines + 1 == starts.length) {
                starts = Arrays.copyOf(starts, starts.length + 1);
                hashes = Arrays.copyOf(hashes, hashes.length + 1);
            }
            hashes[lines] = hash ^ hash >>> 16;
            starts[++lines] = bytes.length;
        }
        return new LineIndex(bytes, starts, hashes, lines);
    }

    /** How many whole lines the first {@code size} bytes hold; {@code size} ends a line or the file. */
    int linesWithin(int size) {
        if (size == bytes.length) {
            return lines;
        }
        int at = Arrays.binarySearch(starts, 0, lines + 1, size);
        if (at < 0) {
            throw new IllegalArgumentException(size + " bytes do not end a line");
        }
        return at;
    }
}
