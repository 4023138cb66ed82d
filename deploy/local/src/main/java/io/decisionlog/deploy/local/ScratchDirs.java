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
        IOException failed = deleteEach(dir);
        if (failed != null) {
            throw new UncheckedIOException("cannot delete " + dir, failed);
        }
    }

    /** Deletes what it can of the directory: for cleaning up, where a file left behind is harmless. */
    public static void deleteRecursively(Path dir) {
        deleteEach(dir);
    }

    /** Tries every path, deepest first, past the ones that cannot go (a file still open); returns the first failure. */
    private static IOException deleteEach(Path dir) {
        if (!Files.exists(dir)) {
            return null;
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(dir)) {
            paths = walk.sorted(Comparator.reverseOrder()).toList();
        } catch (IOException | UncheckedIOException e) {
            // a file deleted while the walk ran, or a directory that cannot be read
            return e instanceof UncheckedIOException unchecked ? unchecked.getCause() : (IOException) e;
        }
        IOException first = null;
        for (Path path : paths) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        return first;
    }

    private static void deleteAll() {
        synchronized (CREATED) {
            CREATED.forEach(ScratchDirs::deleteRecursively);
        }
    }
}
