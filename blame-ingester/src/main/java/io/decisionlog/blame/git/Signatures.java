package io.decisionlog.blame.git;

import io.decisionlog.events.CommitSignature;
import io.decisionlog.events.CommitSignature.Status;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.GpgConfig;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.SignatureVerifier.SignatureVerification;
import org.eclipse.jgit.lib.SignatureVerifier.TrustLevel;
import org.eclipse.jgit.lib.SignatureVerifiers;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevTag;

import net.i2p.crypto.eddsa.EdDSASecurityProvider;

import java.io.IOException;
import java.nio.file.Path;
import java.security.Security;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * A commit's signature checked against the operator's trust: an SSH signature against an allowed-signers file
 * ({@code gpg.ssh.allowedSignersFile} syntax: principals, {@code namespaces="git"}), with JGit's verifier; an OpenPGP
 * signature against a public keyring ({@link OpenPgpSignatures}). Never the repository's own config: what the remote's
 * history says about trust is not trust.
 */
public final class Signatures {
    static {
        // Apache MINA SSHD does Ed25519 with net.i2p's provider, looked up by name in the JVM-wide provider list: the one
        // registered there must be this class loader's, or its key factory refuses the key specs SSHD makes here (a
        // test JVM holds more than one copy of the library)
        Security.removeProvider(EdDSASecurityProvider.PROVIDER_NAME);
        Security.addProvider(new EdDSASecurityProvider());
    }

    private final Path allowedSigners;
    private final Path pgpKeyring;

    /**
     * @param allowedSigners the allowed-signers file; null: no SSH trust, every SSH signature an unknown key
     * @param pgpKeyring     the OpenPGP public keyring; null: no OpenPGP trust
     */
    public Signatures(Path allowedSigners, Path pgpKeyring) {
        this.allowedSigners = allowedSigners;
        this.pgpKeyring = pgpKeyring;
    }

    /** The same checks against a registration's own trust where it names one; this one's otherwise. */
    public Signatures trusting(String allowedSignersFile, String pgpKeyringFile) {
        if (allowedSignersFile == null && pgpKeyringFile == null) {
            return this;
        }
        return new Signatures(allowedSignersFile == null ? allowedSigners : Path.of(allowedSignersFile),
                pgpKeyringFile == null ? pgpKeyring : Path.of(pgpKeyringFile));
    }

    public CommitSignature of(Repository repository, RevCommit commit) {
        byte[] raw = commit.getRawGpgSignature();
        return raw == null ? CommitSignature.UNSIGNED
                : check(repository, commit, raw, () -> OpenPgpSignatures.payload(commit.getRawBuffer()));
    }

    /**
     * An annotated tag's signature, as the signature of the commits the tag covers ({@link CommitSignature#tag()});
     * null when the tag is not signed.
     */
    public CommitSignature ofTag(Repository repository, RevTag tag) {
        byte[] raw = tag.getRawGpgSignature();
        if (raw == null) {
            return null;
        }
        // a tag's signature is appended to its message: what was signed is everything before it
        byte[] buffer = tag.getRawBuffer();
        return check(repository, tag, raw, () -> Arrays.copyOfRange(buffer, 0, buffer.length - raw.length))
                .ofTag(tag.getTagName());
    }

    private CommitSignature check(Repository repository, RevObject signed, byte[] raw, Supplier<byte[]> payload) {
        GpgConfig.GpgFormat format = SignatureVerifiers.getFormat(raw);
        String name = format == null ? "unknown" : format.name().toLowerCase(Locale.ROOT);
        if (format == GpgConfig.GpgFormat.OPENPGP) {
            return OpenPgpSignatures.check(payload.get(), raw, pgpKeyring);
        }
        if (format != GpgConfig.GpgFormat.SSH) {
            return new CommitSignature(name, null, null, Status.UNKNOWN_KEY,
                    "no trust is configured for " + name + " signatures");
        }
        if (allowedSigners == null) {
            return new CommitSignature(name, null, null, Status.UNKNOWN_KEY,
                    "no allowed-signers file is configured (decisionlog.blame.allowed-signers)");
        }
        try {
            SignatureVerification verification = SignatureVerifiers.verify(repository, trust(), signed);
            return status(name, verification);
        } catch (IOException | RuntimeException e) {
            return new CommitSignature(name, null, null, Status.BAD, "the signature cannot be checked: " + e.getMessage());
        }
    }

    /** What names the trust a verdict was made against, so a change of trust is a change of verdicts. */
    String trustId() {
        return allowedSigners + "|" + pgpKeyring;
    }

    /**
     * JGit's verdict in the contract's words: a signature that does not match the commit is bad whoever signed it;
     * one by a key no principal of the trust names is an unknown key; a matching key with less than full trust is
     * unverified.
     */
    private static CommitSignature status(String format, SignatureVerification verification) {
        if (verification == null) {
            return new CommitSignature(format, null, null, Status.UNKNOWN_KEY, "no verifier for this signature");
        }
        String signer = verification.signer() != null ? verification.signer() : verification.keyUser();
        String key = verification.keyFingerprint();
        if (verification.verified() && (verification.trustLevel() == TrustLevel.FULL
                || verification.trustLevel() == TrustLevel.ULTIMATE)) {
            return new CommitSignature(format, signer, key, Status.VERIFIED, null);
        }
        if (verification.verified()) {
            return new CommitSignature(format, signer, key, Status.UNVERIFIED, "the key is trusted "
                    + verification.trustLevel().name().toLowerCase(Locale.ROOT) + ", not fully");
        }
        if (verification.trustLevel() == TrustLevel.UNKNOWN) {
            return new CommitSignature(format, signer, key, Status.UNKNOWN_KEY, verification.message() == null
                    ? "the allowed-signers file names no principal for this key" : verification.message());
        }
        return new CommitSignature(format, signer, key, Status.BAD, verification.message() == null
                ? "the signature does not match what was signed: edited after signing, or forged" : verification.message());
    }

    private GpgConfig trust() {
        Config config = new Config();
        config.setString("gpg", "ssh", "allowedSignersFile", allowedSigners.toString());
        config.setString("gpg", null, "format", "ssh");
        return new GpgConfig(config);
    }
}
