package io.decisionlog.ciaudit.bench;

import io.decisionlog.ciaudit.Signatures;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Open-model load on {@code POST /webhooks/github}: signed {@code workflow_run} deliveries (each a new run, so each
 * is published and acknowledged by Kafka) sent at a fixed rate by the clock, latency measured from the moment a
 * request was due, not when it went out, so a stalled server cannot hide its queue (no coordinated omission).
 *
 * <pre>java -cp … io.decisionlog.ciaudit.bench.WebhookLoad URL RATE SECONDS SECRET</pre>
 */
public final class WebhookLoad {
    private WebhookLoad() {
    }

    public static void main(String[] args) throws Exception {
        URI url = URI.create(args.length > 0 ? args[0] : "http://127.0.0.1:8081/webhooks/github");
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        String secret = args.length > 3 ? args[3] : "bench-secret";
        String template = fixture();

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(4)).connectTimeout(Duration.ofSeconds(5)).build();
        int total = rate * seconds;
        long[] latenciesMicros = new long[total];
        AtomicInteger statusErrors = new AtomicInteger();
        AtomicLong completed = new AtomicLong();
        CountDownLatch done = new CountDownLatch(total);
        long runIdBase = System.currentTimeMillis() * 1000;
        long periodNanos = 1_000_000_000L / rate;
        long start = System.nanoTime() + 200_000_000L;

        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger next = new AtomicInteger();
        ticker.scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            // send every request that is due by now: the schedule, not the server, sets the pace
            while (next.get() < total && start + next.get() * periodNanos <= now) {
                int i = next.getAndIncrement();
                long due = start + i * periodNanos;
                byte[] body = template.replace("\"id\": 289782451,", "\"id\": " + (runIdBase + i) + ",")
                        .getBytes(StandardCharsets.UTF_8);
                HttpRequest request = HttpRequest.newBuilder(url)
                        .header("Content-Type", "application/json")
                        .header("X-GitHub-Event", "workflow_run")
                        .header("X-GitHub-Delivery", "bench-" + (runIdBase + i))
                        .header("X-Hub-Signature-256", Signatures.gitHub(secret, body))
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                    latenciesMicros[i] = (System.nanoTime() - due) / 1_000;
                    if (error != null || response.statusCode() != 202) {
                        statusErrors.incrementAndGet();
                    }
                    completed.incrementAndGet();
                    done.countDown();
                });
            }
        }, 0, 200, TimeUnit.MICROSECONDS);

        boolean finished = done.await(seconds + 60L, TimeUnit.SECONDS);
        long elapsedNanos = System.nanoTime() - start;
        ticker.shutdownNow();
        long[] sorted = Arrays.copyOf(latenciesMicros, (int) completed.get());
        Arrays.sort(sorted);
        System.out.printf("target %d/s for %d s: %d sent, %d completed%s, %d not 202%n", rate, seconds, next.get(),
                completed.get(), finished ? "" : " (timed out waiting)", statusErrors.get());
        System.out.printf("achieved %.0f deliveries/s; latency p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                completed.get() / (elapsedNanos / 1e9), pct(sorted, 50), pct(sorted, 90), pct(sorted, 99),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1000.0);
        System.exit(0);
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100 * sorted.length) - 1)] / 1000.0;
    }


    private static String fixture() throws IOException {
        try (InputStream in = WebhookLoad.class.getResourceAsStream("/fixtures/github/workflow_run.completed.payload.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
