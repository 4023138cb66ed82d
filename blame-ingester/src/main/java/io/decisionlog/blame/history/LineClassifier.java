package io.decisionlog.blame.history;

import java.util.Arrays;

/** Numbers distinct lines (byte-exact, line end included) and counts each number's occurrences per file. */
final class LineClassifier {
    private final int[] table;
    private final int mask;
    private int[] hashOf = new int[64];
    private byte[][] bytesOf = new byte[64][];
    private int[] startOf = new int[64];
    private int[] endOf = new int[64];
    private int classes;

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
        for (int c : one.cls) {
            countOne[c]++;
        }
        for (int c : two.cls) {
            countTwo[c]++;
        }
        one.otherCounts = countTwo;
        two.otherCounts = countOne;
    }

    private int[] numbers(DiffSide side) {
        int[] cls = new int[side.records];
        for (int r = 0; r < side.records; r++) {
            cls[r] = classOf(side.hashes[r], side.bytes, side.starts[r], side.starts[r + 1]);
        }
        return cls;
    }

    private int classOf(int hash, byte[] bytes, int start, int end) {
        int slot = (hash * 0x9E3779B9) & mask;
        while (table[slot] >= 0) {
            int c = table[slot];
            if (hashOf[c] == hash && Arrays.equals(bytesOf[c], startOf[c], endOf[c], bytes, start, end)) {
                return c;
            }
            slot = (slot + 1) & mask;
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
}
