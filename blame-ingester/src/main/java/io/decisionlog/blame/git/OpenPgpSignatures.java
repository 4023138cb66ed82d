package io.decisionlog.blame.git;

import io.decisionlog.events.CommitSignature;
import io.decisionlog.events.CommitSignature.Status;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OpenPGP commit signatures checked against a public keyring the operator gives (the output of {@code gpg --export},
 * binary or armored), with Bouncy Castle: never a GnuPG home, whose trust is a person's, not the server's. A key in
 * the keyring is trusted; a signature that does not match the commit is bad whoever made it.
 */
final class OpenPgpSignatures {
    /** The largest keyring read: thousands of keys; a file that is not a keyring does not exhaust memory. */
    static final long MAX_KEYRING_BYTES = 16L * 1024 * 1024;
    private static final String FORMAT = "openpgp";
    private static final Map<Path, Loaded> KEYRINGS = new ConcurrentHashMap<>();

    private record Loaded(FileTime modified, PGPPublicKeyRingCollection keys) {
    }

    private OpenPgpSignatures() {
    }

    /** @param signed what the signature is over: a commit without its {@code gpgsig} header, a tag without its signature */
    static CommitSignature check(byte[] signed, byte[] armoredSignature, Path keyring) {
        if (keyring == null) {
            return new CommitSignature(FORMAT, null, null, Status.UNKNOWN_KEY,
                    "no OpenPGP keyring is configured (decisionlog.blame.pgp-keyring)");
        }
        PGPSignature signature;
        try {
            signature = signature(armoredSignature);
        } catch (IOException | PGPException | RuntimeException e) {
            return new CommitSignature(FORMAT, null, null, Status.BAD, "the signature cannot be read: " + e.getMessage());
        }
        String keyId = String.format("%016X", signature.getKeyID());
        PGPPublicKeyRingCollection keys;
        try {
            keys = keyring(keyring);
        } catch (IOException | PGPException | RuntimeException e) {
            return new CommitSignature(FORMAT, null, keyId, Status.UNKNOWN_KEY, "the OpenPGP keyring " + keyring
                    + " cannot be read: " + e.getMessage());
        }
        PGPPublicKey key = keys.getPublicKey(signature.getKeyID());
        PGPPublicKeyRing ring = keys.getPublicKeyRing(signature.getKeyID());
        if (key == null || ring == null) {
            return new CommitSignature(FORMAT, null, keyId, Status.UNKNOWN_KEY, "key " + keyId
                    + " is not in the OpenPGP keyring");
        }
        String fingerprint = HexFormat.of().withUpperCase().formatHex(key.getFingerprint());
        String signer = userId(ring);
        try {
            signature.init(new BcPGPContentVerifierBuilderProvider(), key);
            signature.update(signed);
            if (!signature.verify()) {
                return new CommitSignature(FORMAT, signer, fingerprint, Status.BAD,
                        "the signature does not match what was signed: edited after signing, or forged");
            }
        } catch (PGPException | RuntimeException e) {
            return new CommitSignature(FORMAT, signer, fingerprint, Status.BAD, "the signature cannot be checked: "
                    + e.getMessage());
        }
        if (ring.getPublicKey().hasRevocation() || key.hasRevocation()) {
            return new CommitSignature(FORMAT, signer, fingerprint, Status.UNVERIFIED, "the key is revoked");
        }
        return new CommitSignature(FORMAT, signer, fingerprint, Status.VERIFIED, null);
    }

    private static PGPSignature signature(byte[] armored) throws IOException, PGPException {
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(armored))) {
            Object read = new BcPGPObjectFactory(in).nextObject();
            if (read instanceof PGPSignatureList list && !list.isEmpty()) {
                return list.get(0);
            }
            throw new PGPException("not an OpenPGP signature");
        }
    }

    /** The keyring, read again only when its file changed. */
    private static PGPPublicKeyRingCollection keyring(Path file) throws IOException, PGPException {
        FileTime modified = Files.getLastModifiedTime(file);
        Loaded loaded = KEYRINGS.get(file);
        if (loaded != null && loaded.modified().equals(modified)) {
            return loaded.keys();
        }
        if (Files.size(file) > MAX_KEYRING_BYTES) {
            throw new IOException("it is larger than " + MAX_KEYRING_BYTES + " bytes");
        }
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(Files.readAllBytes(file)))) {
            PGPPublicKeyRingCollection keys = new PGPPublicKeyRingCollection(in, new BcKeyFingerprintCalculator());
            KEYRINGS.put(file, new Loaded(modified, keys));
            return keys;
        }
    }

    private static String userId(PGPPublicKeyRing ring) {
        Iterator<String> ids = ring.getPublicKey().getUserIDs();
        return ids.hasNext() ? ids.next() : null;
    }

    /** What was signed: the commit object without its {@code gpgsig} header and that header's continuation lines. */
    static byte[] payload(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length);
        int at = 0;
        boolean inSignature = false;
        while (at < raw.length) {
            int end = at;
            while (end < raw.length && raw[end] != '\n') {
                end++;
            }
            int next = Math.min(end + 1, raw.length);
            if (end == at) {
                out.write(raw, at, raw.length - at);
                break;
            }
            boolean continuation = raw[at] == ' ';
            inSignature = continuation ? inSignature : startsWith(raw, at, "gpgsig ");
            if (!inSignature) {
                out.write(raw, at, next - at);
            }
            at = next;
        }
        return out.toByteArray();
    }

    private static boolean startsWith(byte[] raw, int at, String prefix) {
        if (raw.length - at < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (raw[at + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
