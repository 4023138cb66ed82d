package io.decisionlog.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The gate command line of a ready-made CI step in docs/ci, as the CI would run it: the example's own line, with the
 * CLI it checks out ({@code .decision-log/decisionlog}) replaced by this repository's launcher.
 */
final class CiExamples {
    static final String CLI = ".decision-log/decisionlog";

    private CiExamples() {
    }

    static String gateCommand(Path example, Path root) throws IOException {
        String line = Files.readAllLines(example).stream().filter(text -> text.contains(CLI + " gate")).findFirst()
                .orElseThrow(() -> new AssertionError(example + " has no '" + CLI + " gate' step"));
        String command = line.substring(line.indexOf(CLI));
        return "bash '" + root.resolve("decisionlog") + "'" + command.substring(CLI.length());
    }
}
