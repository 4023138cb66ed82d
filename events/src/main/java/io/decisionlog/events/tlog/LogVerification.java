package io.decisionlog.events.tlog;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Checks a transparency log as an auditor receives it — a signed checkpoint, every entry with the leaf hash the log
 * claims for it, optionally the checkpoint seen last time and a consistency proof from it — and says what does not
 * hold, naming the entry: a body changed after it was logged, an entry missing, entries that do not make the signed
 * root, a history rewritten since the last checkpoint. It trusts nothing but the verifier key.
 */
public final class LogVerification {

    /** One entry as served: its index, its bytes, and the leaf hash the log's tree holds for it (null: none). */
    public record Entry(long index, String body, byte[] claimedLeaf) {
    }

    /** The outcome: the checkpoint that was checked (null when its signature failed) and each problem found. */
    public record Report(Checkpoint checkpoint, List<String> problems) {
        public boolean holds() {
            return checkpoint != null && problems.isEmpty();
        }
    }

    /** Asks the log for the root of its tree at an earlier size, to find where entries and tree part. */
    public interface RootAt {
        byte[] root(long size);
    }

    private LogVerification() {
    }

    public static Report verify(String signedCheckpoint, NoteKeys.Verifier key, List<Entry> entries, RootAt rootAt) {
        Checkpoint checkpoint;
        try {
            checkpoint = Checkpoint.open(signedCheckpoint, key);
        } catch (IllegalArgumentException e) {
            return new Report(null, List.of("the checkpoint does not verify: " + e.getMessage()));
        }
        List<String> problems = new ArrayList<>();
        MemoryNodes recomputed = new MemoryNodes();
        long expected = 0;
        for (Entry entry : entries) {
            if (entry.index() >= checkpoint.size()) {
                break;
            }
            if (entry.index() != expected) {
                problems.add(entry.index() > expected ? "entries " + expected + " to " + (entry.index() - 1)
                        + " are missing" : "entry " + entry.index() + " is served twice");
                return new Report(checkpoint, problems);
            }
            byte[] leaf = MerkleTree.leafHash(entry.body().getBytes(StandardCharsets.UTF_8));
            if (entry.claimedLeaf() != null && !Arrays.equals(leaf, entry.claimedLeaf())) {
                problems.add("entry " + entry.index() + ": its body does not hash to the leaf the tree holds for it "
                        + "(changed after it was logged)");
            }
            recomputed.append(leaf);
            expected++;
        }
        if (expected < checkpoint.size()) {
            problems.add("entries " + expected + " to " + (checkpoint.size() - 1) + " are missing (the checkpoint "
                    + "has " + checkpoint.size() + ")");
            return new Report(checkpoint, problems);
        }
        // an edited body is already named by its leaf; the trees part there, and need not be searched
        if (problems.isEmpty() && !Arrays.equals(MerkleTree.root(recomputed, checkpoint.size()), checkpoint.root())) {
            problems.add(firstDifference(recomputed, checkpoint.size(), rootAt));
        }
        return new Report(checkpoint, problems);
    }

    /**
     * Is the tree of {@code earlier} (a checkpoint seen before, already verified) a prefix of {@code later}'s?
     *
     * @return the problem, or null when the proof holds
     */
    public static String consistency(Checkpoint earlier, Checkpoint later, List<byte[]> proof) {
        if (earlier.size() > later.size()) {
            return "the log shrank: it had " + earlier.size() + " entries, it has " + later.size();
        }
        return MerkleTree.verifyConsistency(earlier.size(), later.size(), earlier.root(), later.root(), proof) ? null
                : "the log of " + later.size() + " entries does not extend the one of " + earlier.size() + " seen "
                + "before (root " + Base64.getEncoder().encodeToString(earlier.root()) + "): its history was rewritten";
    }

    // the first size at which the entries' tree and the log's tree part. An edited body is named exactly by its leaf
    // above; an edited body whose leaf was edited too shows here, at that entry or the one after it (the log's tree
    // for a prefix ending on the edited leaf is built from the edited leaf itself)
    private static String firstDifference(MemoryNodes recomputed, long size, RootAt rootAt) {
        long good = 0;
        long bad = size;
        while (bad - good > 1) {
            long middle = (good + bad) >>> 1;
            if (Arrays.equals(MerkleTree.root(recomputed, middle), rootAt.root(middle))) {
                good = middle;
            } else {
                bad = middle;
            }
        }
        return "the entries do not make the signed root: they part from the log's tree at entry " + (bad - 1)
                + " (that entry or the one before it, or the tree's nodes, were changed after they were logged)";
    }
}
