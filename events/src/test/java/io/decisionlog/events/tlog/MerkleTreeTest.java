package io.decisionlog.events.tlog;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tree, its proofs and their verification, checked against a reference written here straight from RFC 9162's
 * recursive definitions (MTH, PATH, PROOF/SUBPROOF) over the list of entries, sharing no code with the class under test,
 * and against Certificate Transparency's published roots.
 */
class MerkleTreeTest {
    private static final int MAX = 40;

    // the entries of CT's merkle tree test data, and the roots of its first 1..8 of them
    private static final List<String> CT_ENTRIES = List.of("", "00", "10", "2021", "3031", "40414243",
            "5051525354555657", "606162636465666768696a6b6c6d6e6f");
    private static final List<String> CT_ROOTS = List.of(
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

    @Test
    void rootsAreCertificateTransparencys() {
        MemoryNodes nodes = new MemoryNodes();
        for (int n = 1; n <= CT_ENTRIES.size(); n++) {
            nodes.append(MerkleTree.leafHash(HexFormat.of().parseHex(CT_ENTRIES.get(n - 1))));
            assertThat(hex(MerkleTree.root(nodes, n))).as("root of %d", n).isEqualTo(CT_ROOTS.get(n - 1));
        }
        assertThat(hex(MerkleTree.root(nodes, 0)))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void rootsAndInclusionProofsAreTheReferencesAndVerify() {
        List<byte[]> entries = entries(MAX);
        MemoryNodes nodes = nodesOf(entries);
        for (int n = 1; n <= MAX; n++) {
            List<byte[]> d = entries.subList(0, n);
            byte[] root = Rfc9162Reference.mth(d);
            assertThat(MerkleTree.root(nodes, n)).isEqualTo(root);
            for (int m = 0; m < n; m++) {
                List<byte[]> proof = MerkleTree.inclusionProof(nodes, m, n);
                assertThat(proof).usingElementComparator(MerkleTreeTest::compare).containsExactlyElementsOf(
                        Rfc9162Reference.path(m, d));
                byte[] leaf = Rfc9162Reference.leaf(d.get(m));
                assertThat(MerkleTree.verifyInclusion(leaf, m, n, proof, root)).isTrue();
                assertThat(MerkleTree.verifyInclusion(Rfc9162Reference.leaf(new byte[] {9}), m, n, proof, root)).isFalse();
                if (n > 1) {
                    assertThat(MerkleTree.verifyInclusion(leaf, (m + 1) % n, n, proof, root)).isFalse();
                    assertThat(MerkleTree.verifyInclusion(leaf, m, n, flipped(proof, m % proof.size()), root)).isFalse();
                }
            }
        }
    }

    @Test
    void consistencyProofsAreTheReferencesAndVerify() {
        List<byte[]> entries = entries(MAX);
        MemoryNodes nodes = nodesOf(entries);
        for (int n = 1; n <= MAX; n++) {
            byte[] second = Rfc9162Reference.mth(entries.subList(0, n));
            for (int m = 1; m < n; m++) {
                byte[] first = Rfc9162Reference.mth(entries.subList(0, m));
                List<byte[]> proof = MerkleTree.consistencyProof(nodes, m, n);
                assertThat(proof).usingElementComparator(MerkleTreeTest::compare).containsExactlyElementsOf(
                        Rfc9162Reference.proof(m, entries.subList(0, n)));
                assertThat(MerkleTree.verifyConsistency(m, n, first, second, proof)).as("%d to %d", m, n).isTrue();
                assertThat(MerkleTree.verifyConsistency(m, n, second, second, proof)).isFalse();
                assertThat(MerkleTree.verifyConsistency(m, n, first, second, flipped(proof, m % proof.size())))
                        .isFalse();
                if (m + 1 < n) {
                    assertThat(MerkleTree.verifyConsistency(m + 1, n, first, second, proof)).isFalse();
                }
            }
            assertThat(MerkleTree.verifyConsistency(n, n, second, second, List.of())).isTrue();
            assertThat(MerkleTree.consistencyProof(nodes, n, n)).isEmpty();
        }
    }

    private static List<byte[]> entries(int n) {
        List<byte[]> entries = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            entries.add(("entry " + i).getBytes());
        }
        return entries;
    }

    /** A store that fetches ahead is told, before each call, every node the call then reads: nothing more is read. */
    @Test
    void aSourceThatFetchesAheadIsToldEveryNodeACallReads() {
        MemoryNodes memory = nodesOf(entries(MAX));
        List<MerkleTree.Node> announced = new ArrayList<>();
        List<MerkleTree.Node> unannounced = new ArrayList<>();
        MerkleTree.Nodes ahead = new MerkleTree.Nodes() {
            @Override
            public byte[] hash(int level, long index) {
                if (!announced.contains(new MerkleTree.Node(level, index))) {
                    unannounced.add(new MerkleTree.Node(level, index));
                }
                return memory.hash(level, index);
            }

            @Override
            public boolean fetchesAhead() {
                return true;
            }

            @Override
            public void willRead(List<MerkleTree.Node> nodes) {
                announced.clear();
                announced.addAll(nodes);
            }
        };
        for (int n = 1; n <= MAX; n++) {
            assertThat(MerkleTree.root(ahead, n)).isEqualTo(MerkleTree.root(memory, n));
            for (int m = 0; m < n; m++) {
                assertThat(MerkleTree.inclusionProof(ahead, m, n)).usingElementComparator(MerkleTreeTest::compare)
                        .containsExactlyElementsOf(MerkleTree.inclusionProof(memory, m, n));
                assertThat(MerkleTree.consistencyProof(ahead, m + 1, n)).usingElementComparator(MerkleTreeTest::compare)
                        .containsExactlyElementsOf(MerkleTree.consistencyProof(memory, m + 1, n));
            }
        }
        assertThat(unannounced).isEmpty();
        assertThat(announced).isNotEmpty();
    }

    private static MemoryNodes nodesOf(List<byte[]> entries) {
        MemoryNodes nodes = new MemoryNodes();
        entries.forEach(entry -> nodes.append(MerkleTree.leafHash(entry)));
        return nodes;
    }

    private static List<byte[]> flipped(List<byte[]> proof, int at) {
        List<byte[]> copy = new ArrayList<>(proof);
        byte[] changed = copy.get(at).clone();
        changed[0] ^= 1;
        copy.set(at, changed);
        return copy;
    }

    private static int compare(byte[] a, byte[] b) {
        return java.util.Arrays.compare(a, b);
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
