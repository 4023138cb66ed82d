package io.decisionlog.deploy.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Every process the run starts, one "pid name" line each, appended as they start: bench/faults.sh kills whatever of
 * them still runs if this JVM itself was killed before it could stop them (the brokers also stop by themselves).
 */
final class PidFile {
    private final Path file;

    PidFile(Path file) {
        this.file = file;
    }

    synchronized void add(long pid, String name) {
        if (pid <= 0) {
            return;
        }
        try {
            Files.writeString(file, pid + " " + name + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record pid " + pid + " in " + file, e);
        }
    }
}
