package io.decisionlog.events.tlog;

import java.util.Base64;

/**
 * A log's tree head as C2SP tlog-checkpoint writes it: the origin (the log's name), the tree size in decimal and the
 * root hash in base64, one per line, then signed as a {@link SignedNote}.
 */
public record Checkpoint(String origin, long size, byte[] root) {

    public String text() {
        return origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(root) + "\n";
    }

    /** @throws IllegalArgumentException saying what is wrong with the text */
    public static Checkpoint parse(String text) {
        String[] lines = text.split("\n", -1);
        if (lines.length < 4 || !text.endsWith("\n")) {
            throw new IllegalArgumentException("a checkpoint is an origin, a size and a root hash, one per line");
        }
        long size;
        try {
            size = Long.parseLong(lines[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the checkpoint's size '" + lines[1] + "' is not a number");
        }
        byte[] root;
        try {
            root = Base64.getDecoder().decode(lines[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the checkpoint's root hash is not base64");
        }
        if (size < 0 || root.length != 32 || lines[0].isEmpty()) {
            throw new IllegalArgumentException("a checkpoint has an origin, a size of 0 or more and a 32-byte root");
        }
        return new Checkpoint(lines[0], size, root);
    }

    /** Opens a signed checkpoint with the log's verifier key. */
    public static Checkpoint open(String note, NoteKeys.Verifier verifier) {
        return parse(SignedNote.open(note, verifier));
    }

    public String signed(NoteKeys.Signer signer) {
        return SignedNote.sign(text(), signer);
    }
}
