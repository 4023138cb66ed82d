package io.decisionlog.events.tlog;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 9162 section 2.1, as written there: recursion over the entries themselves, sharing no code with the log's
 * {@code MerkleTree}; the reference its tests, and other modules' tests, check proofs against.
 */
public final class Rfc9162Reference {
    private Rfc9162Reference() {
    }
    public static byte[] leaf(byte[] entry) {
        return sha(new byte[] {0}, entry);
    }

    public static byte[] mth(List<byte[]> d) {
        int n = d.size();
        if (n == 0) {
            return sha();
        }
        if (n == 1) {
            return leaf(d.get(0));
        }
        int k = split(n);
        return sha(new byte[] {1}, mth(d.subList(0, k)), mth(d.subList(k, n)));
    }

    public static List<byte[]> path(int m, List<byte[]> d) {
        int n = d.size();
        List<byte[]> out = new ArrayList<>();
        if (n == 1) {
            return out;
        }
        int k = split(n);
        if (m < k) {
            out.addAll(path(m, d.subList(0, k)));
            out.add(mth(d.subList(k, n)));
        } else {
            out.addAll(path(m - k, d.subList(k, n)));
            out.add(mth(d.subList(0, k)));
        }
        return out;
    }

    public static List<byte[]> proof(int m, List<byte[]> d) {
        return subproof(m, d, true);
    }

    private static List<byte[]> subproof(int m, List<byte[]> d, boolean b) {
        int n = d.size();
        List<byte[]> out = new ArrayList<>();
        if (m == n) {
            if (!b) {
                out.add(mth(d));
            }
            return out;
        }
        int k = split(n);
        if (m <= k) {
            out.addAll(subproof(m, d.subList(0, k), b));
            out.add(mth(d.subList(k, n)));
        } else {
            out.addAll(subproof(m - k, d.subList(k, n), false));
            out.add(mth(d.subList(0, k)));
        }
        return out;
    }

    // the largest power of two smaller than n
    private static int split(int n) {
        int k = 1;
        while (k * 2 < n) {
            k *= 2;
        }
        return k;
    }

    private static byte[] sha(byte[]... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                sha.update(part);
            }
            return sha.digest();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
