package io.decisionlog.blame.history;

import java.util.Arrays;

/**
 * Numbers the distinct lines between two files' common head and tail (byte-exact, line end included) and counts each
 * number's occurrences per file, in the whole file: a head or tail line equal to one of them counts too.
 */
final class LineClassifier {
    private final int[] table;
    private final int mask;
    private int[] hashOf = new int[64];
    private byte[][] bytesOf = new byte[64][];
    private int[] startOf = new int[64];
    private int[] endOf = new int[64];
    private int classes;

    /** @param records how many lines lie between the common head and tail, both files together */
    LineClassifier(int records) {
        int size = Integer.highestOneBit(Math.max(16, records * 2 - 1)) << 1;
        table = new int[size];
        Arrays.fill(table, -1);
        mask = size - 1;
    }

    void classify(DiffSide one, DiffSide two) {
        one.cls = numbers(one);
        two.cls = numbers(two);
        int[] countOne = new int[classes];
        int[] countTwo = new int[classes];
        for (int r = one.dstart; r <= one.dend; r++) {
            countOne[one.cls[r]]++;
        }
        for (int r = two.dstart; r <= two.dend; r++) {
            countTwo[two.cls[r]]++;
        }
        // the head and tail lines are the same in both files: counted in both where they equal a numbered line
        countShared(one, 0, one.dstart, countOne, countTwo);
        countShared(one, one.dend + 1, one.records, countOne, countTwo);
        one.otherCounts = countTwo;
        two.otherCounts = countOne;
    }

    private int[] numbers(DiffSide side) {
        int[] cls = new int[side.records];
        for (int r = side.dstart; r <= side.dend; r++) {
            cls[r] = classOf(side.hashes[r], side.bytes, side.starts[r], side.starts[r + 1]);
        }
        return cls;
    }

    private void countShared(DiffSide side, int from, int to, int[] countOne, int[] countTwo) {
        for (int r = from; r < to; r++) {
            int c = table[slotOf(side.hashes[r], side.bytes, side.starts[r], side.starts[r + 1])];
            if (c >= 0) {
                countOne[c]++;
                countTwo[c]++;
            }
        }
    }

    private int classOf(int hash, byte[] bytes, int start, int end) {
        int slot = slotOf(hash, bytes, start, end);
        if (table[slot] >= 0) {
            return table[slot];
        }
        if (classes == hashOf.length) {
            int grown = classes * 2;
            hashOf = Arrays.copyOf(hashOf, grown);
            bytesOf = Arrays.copyOf(bytesOf, grown);
            startOf = Arrays.copyOf(startOf, grown);
            endOf = Arrays.copyOf(endOf, grown);
        }
        hashOf[classes] = hash;
        bytesOf[classes] = bytes;
        startOf[classes] = start;
        endOf[classes] = end;
        table[slot] = classes;
        return classes++;
    }

    /** The slot of the line's number, or the empty slot where it would go. */
    private int slotOf(int hash, byte[] bytes, int start, int end) {
        int slot = (hash * 0x9E3779B9) & mask;
        while (table[slot] >= 0) {
            int c = table[slot];
            if (hashOf[c] == hash && Arrays.equals(bytesOf[c], startOf[c], endOf[c], bytes, start, end)) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
        return slot;
    }
}
