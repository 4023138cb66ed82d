package io.decisionlog.minutes.sync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Function;

/**
 * Where each source's bare mirror lives: {@code <data-dir>/minutes/<source as a safe name>-<hash>}. The hash keeps
 * {@code a/b} and {@code a_b} apart; the readable part is for whoever looks at the directory.
 */
public final class MirrorDirs implements Function<String, GitMirror> {
    private final Path root;

    public MirrorDirs(Path root) {
        this.root = root;
    }

    public Path dirOf(String source) {
        String readable = source.replaceAll("[^A-Za-z0-9._-]", "_");
        if (readable.length() > 60) {
            readable = readable.substring(0, 60);
        }
        return root.resolve(readable + "-" + shortHash(source) + ".git");
    }

    @Override
    public GitMirror apply(String source) {
        try {
            return GitMirror.open(dirOf(source));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String shortHash(String source) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(source.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
