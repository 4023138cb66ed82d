package io.decisionlog.graph.api;

import io.decisionlog.events.signing.AllowedSigners;
import io.decisionlog.graph.config.SignoffConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whose SSH keys sign sign-offs: the allowed-signers file the operator configured, read once at start. */
@ApplicationScoped
public class StewardKeys {
    private final AllowedSigners trust;
    private final boolean configured;

    @Inject
    public StewardKeys(SignoffConfig config) {
        this.configured = config.allowedSigners().isPresent();
        this.trust = config.allowedSigners().map(StewardKeys::read).orElse(AllowedSigners.none());
    }

    public AllowedSigners trust() {
        return trust;
    }

    public boolean configured() {
        return configured;
    }

    private static AllowedSigners read(Path file) {
        try {
            if (Files.size(file) > AllowedSigners.MAX_CHARS) {
                throw new IllegalStateException("decisionlog.signoffs.allowed-signers: " + file + " is over "
                        + AllowedSigners.MAX_CHARS + " bytes");
            }
            return AllowedSigners.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("decisionlog.signoffs.allowed-signers: cannot read " + file + ": " + e, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("decisionlog.signoffs.allowed-signers: " + file + ": " + e.getMessage(), e);
        }
    }
}
