package io.decisionlog.events.tlog;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * C2SP signed-note: a text ending in a newline, a blank line, and one line per signature,
 * {@code — <key name> <base64(key hash ‖ Ed25519 signature over the text)>}. The form of a transparency log's
 * checkpoint that existing verifiers and witnesses read.
 */
public final class SignedNote {
    /** A note, signatures included, is at most this long: a checkpoint is a few hundred bytes. */
    public static final int MAX_CHARS = 16 * 1024;
    private static final String SIGNATURE_START = "\u2014 ";

    private SignedNote() {
    }

    public static String sign(String text, NoteKeys.Signer signer) {
        if (text.isEmpty() || !text.endsWith("\n") || text.contains("\n\n")) {
            throw new IllegalArgumentException("a note's text ends in a newline and has no blank line");
        }
        byte[] signature = signer.sign(text.getBytes(StandardCharsets.UTF_8));
        byte[] blob = ByteBuffer.allocate(4 + signature.length).putInt(signer.keyId()).put(signature).array();
        return text + "\n" + SIGNATURE_START + signer.name() + " " + Base64.getEncoder().encodeToString(blob) + "\n";
    }

    /**
     * The note's text, when one of its signatures is the verifier's and holds.
     *
     * @throws IllegalArgumentException saying why not
     */
    public static String open(String note, NoteKeys.Verifier verifier) {
        if (note.length() > MAX_CHARS) {
            throw new IllegalArgumentException("a signed note is at most " + MAX_CHARS + " characters");
        }
        int split = note.lastIndexOf("\n\n");
        if (split < 0 || !note.endsWith("\n")) {
            throw new IllegalArgumentException("not a signed note: no blank line before its signatures");
        }
        String text = note.substring(0, split + 1);
        byte[] message = text.getBytes(StandardCharsets.UTF_8);
        boolean named = false;
        for (String line : note.substring(split + 2).split("\n")) {
            if (!line.startsWith(SIGNATURE_START)) {
                throw new IllegalArgumentException("not a signature line: '" + line + "'");
            }
            String[] parts = line.substring(SIGNATURE_START.length()).split(" ");
            if (parts.length != 2 || !parts[0].equals(verifier.name())) {
                continue;
            }
            byte[] blob;
            try {
                blob = Base64.getDecoder().decode(parts[1]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the signature of " + parts[0] + " is not base64");
            }
            if (blob.length < 4 || ByteBuffer.wrap(blob).getInt() != verifier.keyId()) {
                continue;
            }
            named = true;
            if (verifier.verifies(message, Arrays.copyOfRange(blob, 4, blob.length))) {
                return text;
            }
        }
        throw new IllegalArgumentException(named ? "the signature of " + verifier.name() + " does not hold: the note was "
                + "changed after it was signed, or signed by another key" : "the note has no signature by "
                + verifier.name() + "+" + NoteKeys.hex(verifier.keyId()));
    }
}
