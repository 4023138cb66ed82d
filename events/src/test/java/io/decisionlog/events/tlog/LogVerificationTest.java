package io.decisionlog.events.tlog;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What an auditor's check of a served log finds, entry by entry. */
class LogVerificationTest {
    private final NoteKeys.Signer key = NoteKeys.generate("decisionlog.test/log");
    private final List<String> bodies = new ArrayList<>();
    private final MemoryNodes tree = new MemoryNodes();

    LogVerificationTest() {
        for (int i = 0; i < 10; i++) {
            bodies.add("{\"entry\":" + i + "}");
            tree.append(MerkleTree.leafHash(bodies.get(i).getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void anUntouchedLogHolds() {
        LogVerification.Report report = verify(served(), checkpoint(10));
        assertThat(report.problems()).isEmpty();
        assertThat(report.holds()).isTrue();
        assertThat(report.checkpoint().size()).isEqualTo(10);
    }

    @Test
    void anEditedBodyIsNamed() {
        List<LogVerification.Entry> entries = served();
        entries.set(3, new LogVerification.Entry(3, "{\"entry\":33}", entries.get(3).claimedLeaf()));
        assertThat(verify(entries, checkpoint(10)).problems()).first().asString()
                .startsWith("entry 3: its body does not hash to the leaf");
    }

    @Test
    void anEditedBodyAndLeafPartTheTreesThere() {
        List<LogVerification.Entry> entries = served();
        entries.set(6, new LogVerification.Entry(6, "{\"entry\":66}", null));
        assertThat(verify(entries, checkpoint(10)).problems()).singleElement().asString()
                .contains("part from the log's tree at entry 6");
    }

    @Test
    void aMissingEntryAWrongKeyAndARewrittenHistoryAreSaid() {
        List<LogVerification.Entry> entries = served();
        entries.remove(5);
        assertThat(verify(entries, checkpoint(10)).problems()).containsExactly("entries 5 to 5 are missing");
        assertThat(LogVerification.verify(checkpoint(10), NoteKeys.generate("decisionlog.test/log").verifier(),
                served(), size -> MerkleTree.root(tree, size)).problems()).singleElement().asString().startsWith("the checkpoint does not verify");

        Checkpoint earlier = Checkpoint.open(checkpoint(6), key.verifier());
        Checkpoint later = Checkpoint.open(checkpoint(10), key.verifier());
        assertThat(LogVerification.consistency(earlier, later, MerkleTree.consistencyProof(tree, 6, 10))).isNull();
        MemoryNodes rewritten = new MemoryNodes();
        for (int i = 0; i < 10; i++) {
            rewritten.append(MerkleTree.leafHash(("{\"entry\":" + (i == 2 ? 22 : i) + "}").getBytes(StandardCharsets.UTF_8)));
        }
        Checkpoint forged = new Checkpoint("decisionlog.test/log", 10, MerkleTree.root(rewritten, 10));
        assertThat(LogVerification.consistency(earlier, forged, MerkleTree.consistencyProof(rewritten, 6, 10)))
                .contains("its history was rewritten");
    }

    private LogVerification.Report verify(List<LogVerification.Entry> entries, String checkpoint) {
        return LogVerification.verify(checkpoint, key.verifier(), entries, size -> MerkleTree.root(tree, size));
    }

    private List<LogVerification.Entry> served() {
        List<LogVerification.Entry> entries = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            entries.add(new LogVerification.Entry(i, bodies.get(i), tree.hash(0, i)));
        }
        return entries;
    }

    private String checkpoint(long size) {
        return new Checkpoint("decisionlog.test/log", size, MerkleTree.root(tree, size)).signed(key);
    }
}
