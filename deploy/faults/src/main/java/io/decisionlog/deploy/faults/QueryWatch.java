package io.decisionlog.deploy.faults;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

/**
 * Asks a decision-graph instance for one commit's chain every 250 ms, as a person reading it would, and keeps every
 * answer's status and time: a query unanswered, or answered with anything but 200, while another instance dies and
 * its work moves, is a failure.
 */
final class QueryWatch implements AutoCloseable {
    private static final Duration EVERY = Duration.ofMillis(250);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http;
    private final HttpRequest request;
    private final List<Long> millis = new CopyOnWriteArrayList<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final Thread thread = new Thread(this::run, "query-watch");
    private volatile boolean running = true;

    QueryWatch(HttpClient http, ServiceProcess graph, String token, String repo, String sha) {
        this.http = http;
        this.request = HttpRequest.newBuilder(URI.create(graph.url("/api/v1/commits/" + repo + "/" + sha)))
                .timeout(TIMEOUT).header("Authorization", "Bearer " + token).GET().build();
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            long start = System.nanoTime();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    failures.add(Console.seconds(Console.elapsed()) + ": " + response.statusCode());
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                failures.add(Console.seconds(Console.elapsed()) + ": " + e);
            }
            millis.add((System.nanoTime() - start) / 1_000_000);
            LockSupport.parkNanos(EVERY.toNanos());
        }
    }

    int asked() {
        return millis.size();
    }

    /** The queries not answered 200, with when (the run's clock) and what came instead. */
    List<String> failures() {
        return failures;
    }

    /** The slowest answer, and the 99th percentile, in ms. */
    long maxMillis() {
        return millis.stream().mapToLong(Long::longValue).max().orElse(0);
    }

    long p99Millis() {
        List<Long> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(sorted.size() * 0.99) - 1));
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
