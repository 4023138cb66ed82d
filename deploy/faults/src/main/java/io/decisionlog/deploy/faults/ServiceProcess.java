package io.decisionlog.deploy.faults;

import io.decisionlog.deploy.local.Wait;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One decision-log service as its own JVM ({@code java -jar <service>/target/quarkus-app/quarkus-run.jar}). */
final class ServiceProcess {
    private final String name;
    private final int port;
    private final Process process;
    private final Path log;
    private final HttpClient http;

    private ServiceProcess(String name, int port, Process process, Path log, HttpClient http) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
        this.http = http;
    }

    /**
     * @param marker put on the command line ({@code -Dfaults.run=...}, outside the services' own {@code decisionlog.}
     *               keys, which their configuration checks refuse unknown ones of) so that bench/faults.sh can tell
     *               this run's processes from everything else on the machine
     */
    static ServiceProcess start(String name, Path jar, int port, Map<String, String> env, Path workDir,
                                String javaOpts, String marker, HttpClient http) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it (./mvnw -o -q -pl " + jar.getParent().getParent()
                    .getParent().getFileName() + " -am install -DskipTests)");
        }
        Files.createDirectories(workDir);
        Path log = workDir.resolve(name + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String option : javaOpts.trim().split("\\s+")) {
            if (!option.isEmpty()) {
                command.add(option);
            }
        }
        command.add("-Dfaults.run=" + marker);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        return new ServiceProcess(name, port, builder.start(), log, http);
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    boolean ready() {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url("/q/health/ready")))
                    .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    void awaitReady(Duration timeout) {
        Wait.until(name + " to be ready on :" + port, timeout, () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; the end of " + log
                        + ":\n" + tail(40));
            }
            return ready();
        });
    }

    /** A crash: SIGKILL, no shutdown hooks, no Streams or consumer-group goodbye. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM (Quarkus shuts down cleanly), then SIGKILL after 20 s. */
    void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
        }
    }

    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ")";
        }
    }

    /** Lines of the log at level ERROR (Quarkus' console format: time, level, category). */
    long errorLines() {
        try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.filter(line -> line.length() > 13 && line.startsWith("ERROR", 13)).count();
        } catch (IOException | java.io.UncheckedIOException e) {
            return -1;
        }
    }

    /** Lines of the log that contain {@code text}. */
    long linesContaining(String text) {
        try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.filter(line -> line.contains(text)).count();
        } catch (IOException | java.io.UncheckedIOException e) {
            return -1;
        }
    }
}
