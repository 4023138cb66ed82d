package io.decisionlog.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Which token the client sends: {@code DECISIONLOG_TOKEN} when set, else the admin token {@code ./decisionlog up}
 * keeps in {@code $DECISIONLOG_DATA_DIR/admin.token} (the local stack's own), else none (the services then answer 401).
 */
public final class Tokens {
    public static final String TOKEN_ENV = "DECISIONLOG_TOKEN";
    public static final String ADMIN_TOKEN_FILE = "admin.token";

    private Tokens() {
    }

    public static String resolve(Map<String, String> env) {
        String token = env.get(TOKEN_ENV);
        if (token != null && !token.isBlank()) {
            return token.trim();
        }
        String dataDir = env.getOrDefault("DECISIONLOG_DATA_DIR", "var");
        Path file = Path.of(dataDir.isBlank() ? "var" : dataDir).resolve(ADMIN_TOKEN_FILE);
        try {
            return Files.isReadable(file) ? Files.readString(file, StandardCharsets.UTF_8).trim() : null;
        } catch (IOException e) {
            return null;
        }
    }
}
