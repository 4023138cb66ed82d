package io.decisionlog.graph.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.util.Optional;

/** The transparency log's checkpoints ({@code decisionlog.log.*}). */
@ConfigMapping(prefix = "decisionlog.log")
public interface LogConfig {

    /** The log's name: the first line of every checkpoint, and the name of the key that signs them. */
    @WithDefault("decisionlog.local/log")
    String origin();

    /**
     * The Ed25519 signer key, in the signed-note form {@code PRIVATE+KEY+<name>+<hash>+<key>} (Go's
     * {@code note.GenerateKey} writes it), with its verifier key in the same path plus {@code .pub}. Unset:
     * {@code <data-dir>/log/checkpoint.key}, made at the first start when it does not exist.
     */
    Optional<Path> signingKey();
}
