package io.decisionlog.events.tlog;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The Merkle tree of RFC 9162 (Certificate Transparency 2.0) section 2.1: its root, inclusion proofs and consistency
 * proofs over a log whose complete, aligned subtrees {@link Nodes} gives (so no call reads every leaf), and the
 * section's verification algorithms, which need nothing but the proof.
 */
public final class MerkleTree {
    private static final byte LEAF = 0x00;
    private static final byte NODE = 0x01;

    private MerkleTree() {
    }

    /**
     * The hash of the complete subtree at {@code level} and {@code index}: leaves {@code [index·2^level,
     * (index+1)·2^level)}; level 0 is a leaf hash.
     */
    public interface Nodes {
        byte[] hash(int level, long index);

        /**
         * True when this source would rather be told every node a call reads before it reads them ({@link #willRead}):
         * a store answers them in one query instead of one round trip each.
         */
        default boolean fetchesAhead() {
            return false;
        }

        default void willRead(List<Node> nodes) {
        }
    }

    /** A complete subtree's place: its level and its index at that level. */
    public record Node(int level, long index) {
    }

    public static byte[] leafHash(byte[] data) {
        MessageDigest sha = sha256();
        sha.update(LEAF);
        return sha.digest(data);
    }

    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest sha = sha256();
        sha.update(NODE);
        sha.update(left);
        return sha.digest(right);
    }

    /** MTH(D[size]): the hash of the empty string for an empty log. */
    public static byte[] root(Nodes nodes, long size) {
        if (size == 0) {
            return sha256().digest();
        }
        announce(nodes, planned -> subtree(planned, 0, size));
        return subtree(nodes, 0, size);
    }

    /** PATH(index, D[size]), leaf to root. */
    public static List<byte[]> inclusionProof(Nodes nodes, long index, long size) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("entry " + index + " is not in a tree of " + size);
        }
        announce(nodes, planned -> path(planned, index, 0, size, new ArrayList<>()));
        List<byte[]> proof = new ArrayList<>();
        path(nodes, index, 0, size, proof);
        return proof;
    }

    /** PROOF(from, D[to]): empty when {@code from} is 0 or equals {@code to}. */
    public static List<byte[]> consistencyProof(Nodes nodes, long from, long to) {
        if (from < 0 || from > to) {
            throw new IllegalArgumentException("a tree of " + from + " is not a prefix of one of " + to);
        }
        List<byte[]> proof = new ArrayList<>();
        if (from > 0 && from < to) {
            announce(nodes, planned -> subproof(planned, from, 0, to, true, new ArrayList<>()));
            subproof(nodes, from, 0, to, true, proof);
        }
        return proof;
    }

    /**
     * Tells a source that fetches ahead which nodes the call will read: the call run once over placeholders, which
     * reads the same nodes whatever their hashes are.
     */
    private static void announce(Nodes nodes, Consumer<Nodes> call) {
        if (!nodes.fetchesAhead()) {
            return;
        }
        List<Node> read = new ArrayList<>();
        byte[] placeholder = new byte[32];
        call.accept((level, index) -> {
            read.add(new Node(level, index));
            return placeholder;
        });
        nodes.willRead(read);
    }

    // MTH(D[lo:hi]) where [lo, hi) is the range of a node of the tree: its left part is always a complete subtree
    private static byte[] subtree(Nodes nodes, long lo, long hi) {
        long n = hi - lo;
        if (Long.bitCount(n) == 1) {
            int level = Long.numberOfTrailingZeros(n);
            return nodes.hash(level, lo >> level);
        }
        long k = Long.highestOneBit(n - 1);
        return nodeHash(subtree(nodes, lo, lo + k), subtree(nodes, lo + k, hi));
    }

    private static void path(Nodes nodes, long m, long lo, long hi, List<byte[]> out) {
        long n = hi - lo;
        if (n == 1) {
            return;
        }
        long k = Long.highestOneBit(n - 1);
        if (m < k) {
            path(nodes, m, lo, lo + k, out);
            out.add(subtree(nodes, lo + k, hi));
        } else {
            path(nodes, m - k, lo + k, hi, out);
            out.add(subtree(nodes, lo, lo + k));
        }
    }

    private static void subproof(Nodes nodes, long m, long lo, long hi, boolean whole, List<byte[]> out) {
        long n = hi - lo;
        if (m == n) {
            if (!whole) {
                out.add(subtree(nodes, lo, hi));
            }
            return;
        }
        long k = Long.highestOneBit(n - 1);
        if (m <= k) {
            subproof(nodes, m, lo, lo + k, whole, out);
            out.add(subtree(nodes, lo + k, hi));
        } else {
            subproof(nodes, m - k, lo + k, hi, false, out);
            out.add(subtree(nodes, lo, lo + k));
        }
    }

    /** RFC 9162 section 2.1.3.2: does {@code proof} put the leaf at {@code index} in the tree of {@code root}? */
    public static boolean verifyInclusion(byte[] leafHash, long index, long size, List<byte[]> proof, byte[] root) {
        if (index < 0 || index >= size) {
            return false;
        }
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(r, root);
    }

    /** RFC 9162 section 2.1.4.2: is the tree of {@code fromRoot} a prefix of the tree of {@code toRoot}? */
    public static boolean verifyConsistency(long from, long to, byte[] fromRoot, byte[] toRoot, List<byte[]> proof) {
        if (from < 0 || from > to) {
            return false;
        }
        if (from == to) {
            return proof.isEmpty() && Arrays.equals(fromRoot, toRoot);
        }
        if (from == 0) {
            return proof.isEmpty();
        }
        if (proof.isEmpty()) {
            return false;
        }
        List<byte[]> path = new ArrayList<>(proof);
        if (Long.bitCount(from) == 1) {
            path.add(0, fromRoot);
        }
        long fn = from - 1;
        long sn = to - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = nodeHash(c, fr);
                sr = nodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return Arrays.equals(fr, fromRoot) && Arrays.equals(sr, toRoot) && sn == 0;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
