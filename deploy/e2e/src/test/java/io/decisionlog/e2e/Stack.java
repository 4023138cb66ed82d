package io.decisionlog.e2e;

import io.decisionlog.deploy.local.Ports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * The stack as a user runs it: {@code ./decisionlog} from the repository root, with its own data directory and free
 * loopback ports, so it never meets a stack someone else runs on the defaults.
 */
final class Stack implements AutoCloseable {
    static final String GITHUB_SECRET = "e2e-github-secret";
    static final String GITLAB_TOKEN = "e2e-gitlab-token";

    private final Path root;
    private final Path dataDir;
    private final int portBase;
    static final String PULL_CREDENTIALS = "e2e-github";
    private final Map<String, String> env = new HashMap<>();

    /** What one {@code ./decisionlog} command printed and how it ended. */
    record Run(int exitCode, String output) {
    }

    Stack(Path root, Path dataDir) throws IOException {
        this.root = root;
        this.dataDir = dataDir;
        this.portBase = freeBlock(4);
        // the broker, its controller, and on a secured stack its mutual-TLS listener
        int kafka = freeBlock(3);
        env.put("DECISIONLOG_DATA_DIR", dataDir.toString());
        env.put("DECISIONLOG_PORT_BASE", String.valueOf(portBase));
        env.put("DECISIONLOG_KAFKA_PORT", String.valueOf(kafka));
        env.put("DECISIONLOG_POSTGRES_PORT", String.valueOf(Ports.free()));
        env.put("DECISIONLOG_CI_GITHUB_SECRET", GITHUB_SECRET);
        env.put("DECISIONLOG_CI_GITLAB_TOKEN", GITLAB_TOKEN);
        // the sample team's repositories are made beside the data directory: the only local place to fetch from
        env.put("DECISIONLOG_LOCAL_REPO_ROOTS", dataDir.getParent().toString());
        // pushes and polls are the test's to make: no background fetch races the hostile order
        env.put("DECISIONLOG_BLAME_POLL_INTERVAL", "off");
        env.put("DECISIONLOG_MINUTES_POLL_INTERVAL", "0");
        // the CI runs API the test serves on loopback: reachable only because it is named here, and its token is
        // bound to that host by reference
        env.put("DECISIONLOG_OUTBOUND_ALLOW", "127.0.0.1");
        env.put("DECISIONLOG_CI_PULL_CREDENTIALS", PULL_CREDENTIALS + "@127.0.0.1=" + RunsApiServer.TOKEN);
        Files.createDirectories(dataDir);
    }

    /** From now on {@code up} and {@code demo} start a secured runtime ({@code DECISIONLOG_SECURE=1}). */
    Stack secure() {
        env.put("DECISIONLOG_SECURE", "1");
        return this;
    }

    Path dataDir() {
        return dataDir;
    }

    /** The admin token {@code up} made for this stack ({@code admin.token} in its data directory). */
    String adminToken() throws IOException {
        return Files.readString(dataDir.resolve("admin.token")).trim();
    }

    String graph() {
        return url(0);
    }

    String ci() {
        return url(1);
    }

    String blame() {
        return url(2);
    }

    String minutes() {
        return url(3);
    }

    Run up() throws IOException, InterruptedException {
        return run(List.of("up"), 300);
    }

    Run run(List<String> arguments, long timeoutSeconds) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", root.resolve("decisionlog").toString()));
        command.addAll(arguments);
        return run(command, root, Map.of(), timeoutSeconds);
    }

    /** A shell command line as a CI job runs it, in {@code dir}, with the stack's environment and {@code extraEnv}. */
    Run shell(String commandLine, Path dir, Map<String, String> extraEnv, long timeoutSeconds)
            throws IOException, InterruptedException {
        return run(List.of("bash", "-c", commandLine), dir, extraEnv, timeoutSeconds);
    }

    private Run run(List<String> command, Path dir, Map<String, String> extraEnv, long timeoutSeconds)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile(dataDir, "decisionlog-", ".out");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        builder.environment().putAll(extraEnv);
        Process process = builder.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s:\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    /** The tail of a service's log, for a failure message. */
    String logTail(String service) {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve("logs").resolve(service + ".log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        Run down = run(List.of("down"), 180);
        if (down.exitCode() != 0) {
            throw new IllegalStateException("./decisionlog down failed:\n" + down.output());
        }
    }

    private String url(int offset) {
        return "http://127.0.0.1:" + (portBase + offset);
    }

    private static int freeBlock(int size) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = 20000 + (int) (Math.random() * 20000);
            if (IntStream.range(base, base + size).allMatch(Ports::isFree)) {
                return base;
            }
        }
        throw new IllegalStateException("no " + size + " consecutive free ports on 127.0.0.1");
    }
}
