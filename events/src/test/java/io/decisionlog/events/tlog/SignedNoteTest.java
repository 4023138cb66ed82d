package io.decisionlog.events.tlog;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Signed notes against Go's own example (golang.org/x/mod/sumdb/note: its keys, text and signature). */
class SignedNoteTest {
    private static final String GO_SIGNER = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    private static final String GO_VERIFIER = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    private static final String GO_TEXT = "If you think cryptography is the answer to your problem,\n"
            + "then you don't know what your problem is.\n";
    private static final String GO_NOTE = GO_TEXT + "\n\u2014 PeterNeumann "
            + "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

    @Test
    void signsAndOpensExactlyAsGoDoes() {
        NoteKeys.Signer signer = NoteKeys.signer(GO_SIGNER, GO_VERIFIER);
        assertThat(SignedNote.sign(GO_TEXT, signer)).isEqualTo(GO_NOTE);
        assertThat(SignedNote.open(GO_NOTE, NoteKeys.verifier(GO_VERIFIER))).isEqualTo(GO_TEXT);
        assertThat(signer.encoded()).isEqualTo(GO_SIGNER);
        assertThat(signer.verifier().encoded()).isEqualTo(GO_VERIFIER);
    }

    @Test
    void refusesAChangedTextAnotherKeyAndAMangledKey() {
        NoteKeys.Verifier go = NoteKeys.verifier(GO_VERIFIER);
        assertThatThrownBy(() -> SignedNote.open(GO_NOTE.replace("answer", "Answer"), go))
                .hasMessageContaining("does not hold");
        NoteKeys.Signer other = NoteKeys.generate("decisionlog.example/log");
        assertThatThrownBy(() -> SignedNote.open(GO_NOTE, other.verifier())).hasMessageContaining("no signature by");
        assertThatThrownBy(() -> NoteKeys.verifier(GO_VERIFIER.replace("c74f20a3", "c74f20a4")))
                .hasMessageContaining("is not its key's");
        assertThatThrownBy(() -> NoteKeys.signer(GO_SIGNER, other.verifier().encoded()))
                .hasMessageContaining("are not a pair");
    }

    @Test
    void aCheckpointRoundTripsThroughItsSignedForm() {
        NoteKeys.Signer signer = NoteKeys.generate("decisionlog.example/log");
        NoteKeys.Signer again = NoteKeys.signer(signer.encoded(), signer.verifier().encoded());
        Checkpoint checkpoint = new Checkpoint("decisionlog.example/log", 12, new byte[32]);
        String note = checkpoint.signed(again);
        assertThat(note).startsWith("decisionlog.example/log\n12\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n\n\u2014 ");
        Checkpoint opened = Checkpoint.open(note, NoteKeys.verifier(signer.verifier().encoded()));
        assertThat(opened.size()).isEqualTo(12);
        assertThat(opened.root()).isEqualTo(new byte[32]);
        assertThatThrownBy(() -> Checkpoint.open(note.replace("\n12\n", "\n13\n"), signer.verifier()))
                .hasMessageContaining("does not hold");
    }
}
