package io.decisionlog.deploy.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Temporary directories of tests and benchmarks, deleted when the JVM exits: a broker's logs and a stream
 * application's state run to gigabytes, and a test run on a CI machine must not leave them behind.
 */
public final class ScratchDirs {
    private static final List<Path> CREATED = new ArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ScratchDirs::deleteAll, "decisionlog-scratch-dirs"));
    }

    private ScratchDirs() {
    }

    /** A new directory under the system's temporary directory, named with {@code prefix}. */
    public static Path create(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            synchronized (CREATED) {
                CREATED.add(dir);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory " + prefix + "…", e);
        }
    }

    /** Deletes the directory and all it holds, or fails naming what it could not delete; nothing there is fine. */
    public static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    /** Deletes what it can of the directory: for cleaning up, where a file left behind is harmless. */
    public static void deleteRecursively(Path dir) {
        try {
            delete(dir);
        } catch (UncheckedIOException ignored) {
            // a file still open, or one deleted while the walk ran: the temporary directory is left behind
        }
    }

    private static void deleteAll() {
        synchronized (CREATED) {
            CREATED.forEach(ScratchDirs::deleteRecursively);
        }
    }
}
