package io.decisionlog.graph.api;

import io.decisionlog.events.tlog.Checkpoint;
import io.decisionlog.events.tlog.NoteKeys;
import io.decisionlog.graph.config.LogConfig;
import io.decisionlog.kit.config.SharedConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Signs the transparency log's checkpoints with the operator's Ed25519 key, or with one made at the first start and
 * kept in the data directory (its verifier key beside it, to hand to whoever checks the log). The secret key is never
 * logged or served; its verifier key is both.
 */
@ApplicationScoped
public class CheckpointSigner {
    private static final Logger LOG = Logger.getLogger(CheckpointSigner.class);

    private final NoteKeys.Signer signer;
    private final String origin;

    @Inject
    public CheckpointSigner(LogConfig config, SharedConfig shared) {
        this.origin = config.origin();
        Path key = config.signingKey().orElse(shared.dataDir().resolve("log").resolve("checkpoint.key"));
        this.signer = Files.exists(key) ? read(key) : made(key, origin);
        LOG.infof("transparency log %s: checkpoints signed by %s (verifier key in %s.pub)", origin,
                signer.verifier().encoded(), key);
    }

    public String sign(long size, byte[] root) {
        return new Checkpoint(origin, size, root).signed(signer);
    }

    public NoteKeys.Verifier verifier() {
        return signer.verifier();
    }

    private static NoteKeys.Signer read(Path key) {
        Path verifier = Path.of(key + ".pub");
        try {
            return NoteKeys.signer(Files.readString(key), Files.readString(verifier));
        } catch (IOException e) {
            throw new IllegalStateException("decisionlog.log.signing-key: cannot read " + key + " and " + verifier
                    + " (the verifier key): " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("decisionlog.log.signing-key " + key + ": " + e.getMessage(), e);
        }
    }

    private static NoteKeys.Signer made(Path key, String origin) {
        NoteKeys.Signer made = NoteKeys.generate(origin);
        try {
            Files.createDirectories(key.getParent());
            Files.writeString(key, made.encoded() + "\n");
            try {
                Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                LOG.warnf("%s: this file system has no POSIX permissions; keep the key private otherwise", key);
            }
            Files.writeString(Path.of(key + ".pub"), made.verifier().encoded() + "\n");
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the log's new signing key to " + key + ": " + e.getMessage(), e);
        }
        LOG.infof("made a checkpoint signing key for %s in %s", origin, key);
        return made;
    }
}
