package io.decisionlog.events.signing;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

/**
 * An SSH public key by its wire blob: {@code ssh-ed25519} and {@code ssh-rsa} (signatures {@code rsa-sha2-256} and
 * {@code rsa-sha2-512}; never SHA-1), verified with the JDK's own providers. Other key types are refused by name.
 */
public record SshPublicKey(String type, byte[] blob) {
    /** A key as an allowed-signers line or an authorized_keys line writes it: {@code ssh-ed25519 AAAA…}. */
    public static SshPublicKey of(String type, String base64) {
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the " + type + " key is not base64");
        }
        SshPublicKey key = fromBlob(blob);
        if (!key.type.equals(type)) {
            throw new IllegalArgumentException("the key says " + key.type + ", the line " + type);
        }
        return key;
    }

    public static SshPublicKey fromBlob(byte[] blob) {
        return new SshPublicKey(new SshWire(blob).text(), blob.clone());
    }

    /** As ssh-keygen prints it: {@code SHA256:} and the unpadded base64 of the blob's SHA-256. */
    public String fingerprint() {
        return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(Sha256.of(blob));
    }

    public boolean sameAs(SshPublicKey other) {
        return java.util.Arrays.equals(blob, other.blob);
    }

    /** @param signatureBlob the SSH signature encoding: algorithm name, then the signature bytes */
    boolean verifies(byte[] data, byte[] signatureBlob) {
        SshWire signature = new SshWire(signatureBlob);
        String algorithm = signature.text();
        byte[] bytes = signature.string();
        try {
            Signature verifier = Signature.getInstance(jcaAlgorithm(algorithm));
            verifier.initVerify(javaKey());
            verifier.update(data);
            return verifier.verify(bytes);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private String jcaAlgorithm(String algorithm) {
        return switch (type + " " + algorithm) {
            case "ssh-ed25519 ssh-ed25519" -> "Ed25519";
            case "ssh-rsa rsa-sha2-256" -> "SHA256withRSA";
            case "ssh-rsa rsa-sha2-512" -> "SHA512withRSA";
            default -> throw new IllegalArgumentException("a " + type + " key with a " + algorithm
                    + " signature is not accepted (ssh-ed25519, or ssh-rsa with rsa-sha2-256/512)");
        };
    }

    private PublicKey javaKey() throws GeneralSecurityException {
        SshWire in = new SshWire(blob);
        in.text();
        return switch (type) {
            case "ssh-ed25519" -> Ed25519.publicKey(in.string());
            case "ssh-rsa" -> {
                BigInteger exponent = new BigInteger(in.string());
                BigInteger modulus = new BigInteger(in.string());
                yield KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
            }
            default -> throw new IllegalArgumentException(type + " keys are not accepted (ssh-ed25519 or ssh-rsa)");
        };
    }
}
