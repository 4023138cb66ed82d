package io.decisionlog.events.signing;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * A detached signature as {@code ssh-keygen -Y sign} writes it (OpenSSH's PROTOCOL.sshsig): the signer's public key,
 * the namespace it was made for, the hash of the message and the signature over them. Parsing checks the form;
 * {@link #verifies} checks the mathematics for one message; who the key belongs to is {@link AllowedSigners}'.
 */
public record SshSignature(SshPublicKey key, String namespace, String hashAlgorithm, byte[] signature) {
    /** Armored signatures of ed25519 and RSA keys up to 8192 bits are well under this. */
    public static final int MAX_ARMORED_CHARS = 8 * 1024;
    private static final byte[] MAGIC = "SSHSIG".getBytes(StandardCharsets.US_ASCII);
    private static final String BEGIN = "-----BEGIN SSH SIGNATURE-----";
    private static final String END = "-----END SSH SIGNATURE-----";

    /** @throws IllegalArgumentException saying what is wrong with the text */
    public static SshSignature parse(String armored) {
        if (armored.length() > MAX_ARMORED_CHARS) {
            throw new IllegalArgumentException("an SSH signature is at most " + MAX_ARMORED_CHARS + " characters");
        }
        String text = armored.strip();
        if (!text.startsWith(BEGIN) || !text.endsWith(END)) {
            throw new IllegalArgumentException("not an SSH signature: it must run from " + BEGIN + " to " + END
                    + " (ssh-keygen -Y sign writes one)");
        }
        String body = text.substring(BEGIN.length(), text.length() - END.length()).replaceAll("\\s", "");
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the SSH signature's body is not base64");
        }
        return fromBytes(bytes);
    }

    private static SshSignature fromBytes(byte[] bytes) {
        SshWire in = new SshWire(bytes);
        if (!Arrays.equals(in.bytes(MAGIC.length), MAGIC)) {
            throw new IllegalArgumentException("not an SSH signature: no SSHSIG preamble");
        }
        int version = in.uint32();
        if (version != 1) {
            throw new IllegalArgumentException("SSH signature version " + version + " is not known (1 is)");
        }
        SshPublicKey key = SshPublicKey.fromBlob(in.string());
        String namespace = in.text();
        in.string(); // reserved
        String hash = in.text();
        byte[] signature = in.string();
        if (!in.atEnd()) {
            throw new IllegalArgumentException("the SSH signature has bytes after its end");
        }
        if (!hash.equals("sha256") && !hash.equals("sha512")) {
            throw new IllegalArgumentException("the SSH signature's hash " + hash + " is not sha256 or sha512");
        }
        return new SshSignature(key, namespace, hash, signature);
    }

    /** True when this signature, made for {@code namespace}, is the key's over exactly {@code message}. */
    public boolean verifies(byte[] message, String expectedNamespace) {
        if (!namespace.equals(expectedNamespace)) {
            return false;
        }
        byte[] hash = Sha256.digest(hashAlgorithm.equals("sha256") ? "SHA-256" : "SHA-512", message);
        byte[] signed = SshWire.concat(MAGIC, SshWire.string(namespace), SshWire.string(new byte[0]),
                SshWire.string(hashAlgorithm), SshWire.string(hash));
        return key.verifies(signed, signature);
    }
}
