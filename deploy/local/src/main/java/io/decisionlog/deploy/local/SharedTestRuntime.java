package io.decisionlog.deploy.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One local runtime per test JVM, on free ports in a temporary directory, started on first use and stopped
 * (and its directory deleted) when the JVM exits. Tests isolate themselves by unique topic and group names.
 */
public final class SharedTestRuntime {
    private static LocalRuntime shared;

    private SharedTestRuntime() {
    }

    public static synchronized LocalRuntime get() {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    private static LocalRuntime start() {
        try {
            Path dir = Files.createTempDirectory("decisionlog-test-");
            long started = System.nanoTime();
            LocalRuntime runtime = LocalRuntime.start(LocalRuntime.Settings.forTests(dir));
            System.out.printf("decision-log test runtime: Kafka %s, PostgreSQL %s, up in %d ms (%s)%n",
                    runtime.bootstrapServers(), runtime.jdbcUrl(), (System.nanoTime() - started) / 1_000_000, dir);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                runtime.close();
                deleteRecursively(dir);
            }, "decisionlog-test-runtime-stop"));
            return runtime;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the local runtime for tests", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir left behind is harmless; the JVM is exiting anyway
        }
    }
}
