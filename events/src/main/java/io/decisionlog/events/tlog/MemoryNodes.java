package io.decisionlog.events.tlog;

import java.util.ArrayList;
import java.util.List;

/**
 * The complete subtrees of a log held in memory, appended leaf by leaf: what a verifier builds from the entries it
 * was given, and what a test checks the stored tree against. About twice the leaves' hashes in size.
 */
public final class MemoryNodes implements MerkleTree.Nodes {
    private final List<List<byte[]>> levels = new ArrayList<>();

    /** Appends a leaf hash, and every subtree it completes. */
    public void append(byte[] leafHash) {
        byte[] hash = leafHash;
        for (int level = 0; ; level++) {
            if (levels.size() == level) {
                levels.add(new ArrayList<>());
            }
            List<byte[]> row = levels.get(level);
            row.add(hash);
            if (row.size() % 2 == 1) {
                return;
            }
            hash = MerkleTree.nodeHash(row.get(row.size() - 2), hash);
        }
    }

    public long size() {
        return levels.isEmpty() ? 0 : levels.get(0).size();
    }

    @Override
    public byte[] hash(int level, long index) {
        return levels.get(level).get(Math.toIntExact(index));
    }
}
