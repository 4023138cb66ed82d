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

    /** Deletes the directory and all it holds now; what cannot be deleted (a file still open) is left. */
    public static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a file deleted while the walk ran, or unreadable: the rest is still deleted
        }
    }

    private static void deleteAll() {
        synchronized (CREATED) {
            CREATED.forEach(ScratchDirs::deleteRecursively);
        }
    }
}
