package io.decisionlog.events.tlog;

import io.decisionlog.events.signing.Ed25519;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Ed25519 keys in the text forms of C2SP's signed-note (Go's {@code golang.org/x/mod/sumdb/note}): a signer key
 * {@code PRIVATE+KEY+<name>+<hash>+<base64(0x01 ‖ seed)>}, kept secret, and a verifier key
 * {@code <name>+<hash>+<base64(0x01 ‖ public key)>}, given to whoever checks; {@code hash} is the first four bytes of
 * SHA-256(name ‖ "\n" ‖ 0x01 ‖ public key), in hex. Keys made here open with Go's tools, and theirs here.
 */
public final class NoteKeys {
    private static final byte ED25519 = 0x01;

    private NoteKeys() {
    }

    /** A verifier: who, which key, and the key. */
    public record Verifier(String name, int keyId, byte[] publicKey) {
        public boolean verifies(byte[] message, byte[] signature) {
            return Ed25519.verifies(publicKey, message, signature);
        }

        public String encoded() {
            return name + "+" + hex(keyId) + "+" + base64(ED25519, publicKey);
        }
    }

    /** A signer, which carries its verifier (the seed alone cannot give the public key on the JDK's provider). */
    public record Signer(String name, int keyId, byte[] seed, Verifier verifier) {
        public byte[] sign(byte[] message) {
            return Ed25519.sign(seed, message);
        }

        public String encoded() {
            return "PRIVATE+KEY+" + name + "+" + hex(keyId) + "+" + base64(ED25519, seed);
        }
    }

    public static Signer generate(String name) {
        checkName(name);
        Ed25519.RawKeys keys = Ed25519.generate();
        Verifier verifier = new Verifier(name, keyId(name, keys.publicKey()), keys.publicKey());
        return new Signer(name, verifier.keyId(), keys.seed(), verifier);
    }

    /** @throws IllegalArgumentException saying what is wrong with the text */
    public static Verifier verifier(String encoded) {
        String[] parts = encoded.strip().split("\\+", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("a verifier key is <name>+<hash>+<key>");
        }
        checkName(parts[0]);
        byte[] key = typed(parts[2]);
        int id = keyId(parts[0], key);
        if (!hex(id).equals(parts[1])) {
            throw new IllegalArgumentException("the verifier key's hash " + parts[1] + " is not its key's (" + hex(id) + ")");
        }
        return new Verifier(parts[0], id, key);
    }

    /** A signer key and its verifier key, as {@link #generate} writes them and Go's {@code note.GenerateKey} does. */
    public static Signer signer(String encodedSigner, String encodedVerifier) {
        String[] parts = encodedSigner.strip().split("\\+", 5);
        if (parts.length != 5 || !parts[0].equals("PRIVATE") || !parts[1].equals("KEY")) {
            throw new IllegalArgumentException("a signer key is PRIVATE+KEY+<name>+<hash>+<key>");
        }
        Verifier verifier = verifier(encodedVerifier);
        if (!verifier.name().equals(parts[2]) || !hex(verifier.keyId()).equals(parts[3])) {
            throw new IllegalArgumentException("the signer key " + parts[2] + "+" + parts[3]
                    + " and the verifier key " + verifier.name() + "+" + hex(verifier.keyId()) + " are not a pair");
        }
        Signer signer = new Signer(parts[2], verifier.keyId(), typed(parts[4]), verifier);
        byte[] probe = "decision-log key check".getBytes(StandardCharsets.UTF_8);
        if (!verifier.verifies(probe, signer.sign(probe))) {
            throw new IllegalArgumentException("the signer key does not make signatures its verifier key accepts");
        }
        return signer;
    }

    static int keyId(String name, byte[] publicKey) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(name.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
            sha.update(ED25519);
            return ByteBuffer.wrap(sha.digest(publicKey)).getInt();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    private static byte[] typed(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the key is not base64");
        }
        if (bytes.length != 33 || bytes[0] != ED25519) {
            throw new IllegalArgumentException("only Ed25519 keys (type 0x01, 32 bytes) are known here");
        }
        return Arrays.copyOfRange(bytes, 1, 33);
    }

    private static void checkName(String name) {
        if (name.isEmpty() || name.contains("+") || name.codePoints().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("a key name is non-empty, without spaces or '+': '" + name + "'");
        }
    }

    static String hex(int id) {
        return HexFormat.of().toHexDigits(id);
    }

    private static String base64(byte type, byte[] key) {
        byte[] typed = new byte[key.length + 1];
        typed[0] = type;
        System.arraycopy(key, 0, typed, 1, key.length);
        return Base64.getEncoder().encodeToString(typed);
    }
}
