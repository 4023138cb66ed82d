package io.decisionlog.graph.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.util.Optional;

/** Stewards' sign-offs ({@code decisionlog.signoffs.*}). */
@ConfigMapping(prefix = "decisionlog.signoffs")
public interface SignoffConfig {

    /**
     * The stewards' SSH keys, in allowed-signers syntax ({@code ssh-keygen -Y verify}, git's
     * {@code gpg.ssh.allowedSignersFile}): a line's principal is the steward's token name (or OIDC name), its
     * {@code namespaces} should include {@code decisionlog}. Unset: a signed sign-off is refused, since nothing could
     * say whose key made it. Read at start; a line that cannot be read stops the start, naming it.
     */
    Optional<Path> allowedSigners();

    /** Refuse a sign-off without an SSH signature over its digest. */
    @WithDefault("false")
    boolean requireSignature();
}
