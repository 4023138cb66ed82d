package io.decisionlog.events.bench;

import io.decisionlog.events.tlog.MemoryNodes;
import io.decisionlog.events.tlog.MerkleTree;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The transparency log's tree at ENTRIES entries (1,000,000 by default), against its floor, in the same run, round by
 * round: appending every entry (its leaf hash and every subtree it completes) against hashing every entry's leaf alone
 * (what any log of those entries must do), and making and checking inclusion and consistency proofs against
 * checking them alone. A sample of proofs is checked against {@link MerkleTree}'s own verification each round.
 * {@code java -Xmx1g -cp … io.decisionlog.events.bench.LogBench [ENTRIES] [ROUNDS]}
 */
public final class LogBench {
    private static final int PROOFS = 10_000;

    private LogBench() {
    }

    public static void main(String[] args) {
        int entries = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        byte[][] bodies = bodies(entries);
        double[] appendRatio = new double[rounds];
        double[] proofRatio = new double[rounds];
        System.out.printf("%d entries of ~170 bytes, %d proofs per round, %d rounds%n", entries, PROOFS, rounds);
        for (int round = -1; round < rounds; round++) {
            long started = System.nanoTime();
            byte[][] leaves = new byte[entries][];
            for (int i = 0; i < entries; i++) {
                leaves[i] = MerkleTree.leafHash(bodies[i]);
            }
            long floor = System.nanoTime() - started;

            started = System.nanoTime();
            MemoryNodes tree = new MemoryNodes();
            for (byte[] body : bodies) {
                tree.append(MerkleTree.leafHash(body));
            }
            byte[] root = MerkleTree.root(tree, entries);
            long append = System.nanoTime() - started;

            SplittableRandom random = new SplittableRandom(round + 17);
            long[] indices = random.longs(PROOFS, 0, entries).toArray();
            started = System.nanoTime();
            @SuppressWarnings("unchecked")
            List<byte[]>[] proofs = new List[PROOFS];
            for (int p = 0; p < PROOFS; p++) {
                proofs[p] = MerkleTree.inclusionProof(tree, indices[p], entries);
            }
            long make = System.nanoTime() - started;
            started = System.nanoTime();
            int held = 0;
            for (int p = 0; p < PROOFS; p++) {
                held += MerkleTree.verifyInclusion(leaves[(int) indices[p]], indices[p], entries, proofs[p], root) ? 1 : 0;
            }
            long check = System.nanoTime() - started;
            long from = 1 + random.nextLong(entries - 1);
            boolean consistent = MerkleTree.verifyConsistency(from, entries, MerkleTree.root(tree, from), root,
                    MerkleTree.consistencyProof(tree, from, entries));
            if (held != PROOFS || !consistent) {
                throw new IllegalStateException("a proof did not hold: " + held + "/" + PROOFS + ", consistency "
                        + consistent);
            }
            if (round < 0) {
                continue; // warm-up
            }
            appendRatio[round] = (double) append / floor;
            proofRatio[round] = (double) make / check;
            System.out.printf("round %d: append %.0f ms (%.2f µs/entry), leaf hashes alone %.0f ms: %.2f×; "
                            + "proof made %.1f µs, checked %.1f µs: %.2f×; heap used %d MB%n", round + 1, append / 1e6,
                    append / 1e3 / entries, floor / 1e6, appendRatio[round], make / 1e3 / PROOFS, check / 1e3 / PROOFS,
                    proofRatio[round], (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
        }
        System.out.printf("append / leaf hashes: median %.2f× (%.2f–%.2f); proof made / proof checked: median %.2f× "
                + "(%.2f–%.2f)%n", median(appendRatio), min(appendRatio), max(appendRatio), median(proofRatio),
                min(proofRatio), max(proofRatio));
    }

    private static byte[][] bodies(int entries) {
        byte[][] bodies = new byte[entries][];
        for (int i = 0; i < entries; i++) {
            bodies[i] = ("{\"source\":\"decisionlog.audit.v1\",\"partition\":0,\"offset\":" + i + ",\"key\":\"acme/payments\","
                    + "\"at\":\"2026-12-05T10:00:00Z\",\"record\":{\"action\":\"token.create\"}}")
                    .getBytes(StandardCharsets.UTF_8);
        }
        return bodies;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(0);
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(0);
    }
}
