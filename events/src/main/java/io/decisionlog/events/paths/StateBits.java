package io.decisionlog.events.paths;

/**
 * The states of a {@link Glob} as bits of a {@code long[]}: a glob of {@link Glob#MAX_LENGTH} characters has at most
 * five words of states, so one character of a path moves all of them in a handful of word operations.
 */
final class StateBits {
    private StateBits() {
    }

    static long[] of(int states) {
        return new long[(states + 63) / 64];
    }

    static void set(long[] bits, int state) {
        bits[state >>> 6] |= 1L << state;
    }

    static boolean get(long[] bits, int state) {
        return (bits[state >>> 6] & (1L << state)) != 0;
    }

    /** {@code into = (from & mask) << by}, for a shift of one or two states. */
    static void shiftedAnd(long[] from, long[] mask, int by, long[] into) {
        long carry = 0;
        for (int w = 0; w < from.length; w++) {
            long word = from[w] & mask[w];
            into[w] = (word << by) | carry;
            carry = word >>> (64 - by);
        }
    }

    /** {@code target |= source}; answers whether that added any state. */
    static boolean addAll(long[] target, long[] source) {
        boolean added = false;
        for (int w = 0; w < target.length; w++) {
            long before = target[w];
            target[w] |= source[w];
            added |= target[w] != before;
        }
        return added;
    }

    static boolean isEmpty(long[] bits) {
        for (long word : bits) {
            if (word != 0) {
                return false;
            }
        }
        return true;
    }
}
