package io.decisionlog.deploy.faults;

import io.decisionlog.deploy.local.Wait;
import io.decisionlog.events.Json;

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
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The blame-ingesters' fault: of two instances exactly one holds the lease (is ready, syncs), the other refuses to
 * sync (503 standby); {@code kill -9} of the holder, and the other must take the lease over, sync the repository's
 * next commit and see it reach decision-graph — and at no moment are both ready.
 */
final class LeaseFailover {
    static final String REPO = "scale-out/lease";
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    /** What the failover showed; {@code bothReady}: samples (every 250 ms) in which both instances were ready. */
    record Measured(String firstHolder, String secondHolder, int standbyRefusal, Optional<Duration> takeover,
                    Optional<Duration> nextCommitInGraph, int samples, int bothReady) {
    }

    private final HttpClient http;
    private final String token;
    private final Path repo;
    private volatile Measured measured;

    LeaseFailover(HttpClient http, String token, Path repo) {
        this.http = http;
        this.token = token;
        this.repo = repo;
    }

    /** The git repository the blame-ingesters sync, under their local repository root, with a first commit. */
    static Path createRepository(Path root) throws IOException {
        Path dir = Files.createDirectories(root.resolve("lease"));
        git(dir, "init", "-q", "-b", "main");
        commit(dir, "timeout: 30s\n", "a first setting");
        return dir;
    }

    void run(List<ServiceProcess> instances, GraphApi graph) throws Exception {
        AtomicInteger samples = new AtomicInteger();
        AtomicInteger bothReady = new AtomicInteger();
        Thread watch = watchReadiness(instances, samples, bothReady);
        try {
            ServiceProcess holder = instances.stream().filter(ServiceProcess::ready).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no blame-ingester holds the lease"));
            ServiceProcess standby = instances.stream().filter(instance -> instance != holder).findFirst().orElseThrow();
            Console.say("blame-ingesters: %s holds the lease, %s stands by", holder.name(), standby.name());
            post(holder, "/api/v1/repos", Map.of("repo", REPO, "url", repo.toString(), "branch", "main"), 202);
            awaitTip(holder, head());
            int refusal = post(standby, "/api/v1/repos/" + REPO + "/sync", Map.of(), -1);

            long killed = System.nanoTime();
            holder.kill();
            Console.say("kill -9 %s (pid %d), the lease's holder", holder.name(), holder.pid());
            Optional<Duration> takeover = Timed.within(killed, TIMEOUT, standby::ready);
            Console.say("  %s holds the lease (ready) after %s", standby.name(), Timed.show(takeover));
            String next = commit(repo, "timeout: 45s\n", "a second setting, after the failover");
            long pushed = System.nanoTime();
            Optional<Duration> inGraph = Optional.empty();
            if (takeover.isPresent()) {
                post(standby, "/api/v1/repos/" + REPO + "/sync", Map.of(), 202);
                inGraph = Timed.within(pushed, TIMEOUT, () -> graph.commit(REPO, next).isPresent());
                Console.say("  its sync of the next commit reached decision-graph %s after the push",
                        Timed.show(inGraph));
            }
            measured = new Measured(holder.name(), standby.name(), refusal, takeover, inGraph, samples.get(),
                    bothReady.get());
        } finally {
            watch.interrupt();
        }
    }

    private static Thread watchReadiness(List<ServiceProcess> instances, AtomicInteger samples, AtomicInteger both) {
        Thread thread = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                samples.incrementAndGet();
                if (instances.stream().filter(ServiceProcess::isAlive).filter(ServiceProcess::ready).count() > 1) {
                    both.incrementAndGet();
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
            }
        }, "lease-readiness-watch");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void awaitTip(ServiceProcess instance, String sha) {
        Wait.until(instance.name() + " synced " + REPO + " to " + sha, TIMEOUT, () -> {
            try {
                HttpResponse<String> status = send(instance, HttpRequest.newBuilder(
                        URI.create(instance.url("/api/v1/repos/" + REPO))).GET());
                return status.statusCode() == 200 && status.body().contains(sha);
            } catch (IOException notYet) {
                return false;
            }
        });
    }

    /** Posts JSON; returns the status, which must be {@code expected} unless that is -1. */
    private int post(ServiceProcess instance, String path, Map<String, Object> body, int expected) throws Exception {
        HttpResponse<String> response = send(instance, HttpRequest.newBuilder(URI.create(instance.url(path)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body))));
        if (expected != -1 && response.statusCode() != expected) {
            throw new IllegalStateException("POST " + path + " on " + instance.name() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return response.statusCode();
    }

    private HttpResponse<String> send(ServiceProcess instance, HttpRequest.Builder request) throws IOException {
        try {
            return http.send(request.timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + token)
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted asking " + instance.name(), e);
        }
    }

    private String head() throws IOException {
        return git(repo, "rev-parse", "HEAD");
    }

    private static String commit(Path dir, String content, String message) throws IOException {
        Files.writeString(dir.resolve("service.yaml"), content, StandardCharsets.UTF_8);
        git(dir, "add", "service.yaml");
        git(dir, "-c", "user.name=Scale Out", "-c", "user.email=scale-out@example.com", "commit", "-q", "-m", message);
        return git(dir, "rev-parse", "HEAD");
    }

    private static String git(Path dir, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
        return output;
    }

    /** Null until {@link #run} is over. */
    Measured measured() {
        return measured;
    }
}
