package io.decisionlog.blame.history;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A file version's lines, found and hashed in one pass. A walk diffs most versions twice, once as the newer side and
 * once as the older, so {@link Blobs} keeps this beside the text instead of splitting and hashing it again. Each line
 * is read eight bytes at a time from its own start, so equal lines hash alike wherever they stand.
 */
final class LineIndex {
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A_0A0A_0A0A_0A0AL;
    private static final long SEVEN_BITS = 0x7F7F_7F7F_7F7F_7F7FL;
    private static final long MIX = 0x9E37_79B9_7F4A_7C15L;
    private static final long FINISH = 0xBF58_476D_1CE4_E5B9L;
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
        int[] starts = new int[Math.max(16, bytes.length / 24)];
        int[] hashes = new int[starts.length];
        int lines = 0;
        int start = 0;
        while (start < bytes.length) {
            long hash = 0;
            int at = start;
            int end = -1;
            while (end < 0 && at < bytes.length) {
                long word = at + Long.BYTES <= bytes.length ? (long) WORDS.get(bytes, at) : tail(bytes, at);
                int newline = firstNewline(word);
                if (newline < Long.BYTES) {
                    end = at + newline + 1;
                    word &= -1L >>> (Long.BYTES - 1 - newline) * Byte.SIZE;
                } else if (at + Long.BYTES >= bytes.length) {
                    end = bytes.length;
                }
                hash = (hash + word) * MIX;
                at += Long.BYTES;
            }
            if (lines + 1 == starts.length) {
                starts = Arrays.copyOf(starts, starts.length * 2);
                hashes = Arrays.copyOf(hashes, hashes.length * 2);
            }
            hashes[lines] = finish(hash);
            starts[++lines] = end;
            start = end;
        }
        return new LineIndex(bytes, starts, hashes, lines);
    }

    /** The last bytes of a version, fewer than eight, as the low bytes of a word (the rest zero, so no newline). */
    private static long tail(byte[] bytes, int at) {
        long word = 0;
        for (int i = bytes.length - 1; i >= at; i--) {
            word = word << Byte.SIZE | bytes[i] & 0xFF;
        }
        return word;
    }

    /** The index of the word's first {@code '\n'} byte, or 8; exact, where the shorter zero-byte test is not. */
    private static int firstNewline(long word) {
        long x = word ^ NEWLINES;
        long found = ~((x & SEVEN_BITS) + SEVEN_BITS | x | SEVEN_BITS);
        return Long.numberOfTrailingZeros(found) >>> 3;
    }

    private static int finish(long hash) {
        hash ^= hash >>> 33;
        hash *= FINISH;
        hash ^= hash >>> 29;
        return (int) hash;
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
