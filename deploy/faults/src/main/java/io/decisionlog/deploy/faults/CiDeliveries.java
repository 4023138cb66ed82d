package io.decisionlog.deploy.faults;

import io.decisionlog.events.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A CI system delivering run events to {@code POST /api/v1/ci-runs}: each delivery is retried on a 503, another 5xx,
 * a timeout or a refused connection, with exponential backoff (0.5 s doubling to 8 s, with jitter), and given up
 * once it has been failing for {@code giveUpAfter}. What each delivery finally got is kept: the 202s are the
 * promises the checks hold the service to.
 */
final class CiDeliveries implements AutoCloseable {
    private static final int MAX_IN_FLIGHT = 400;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

    enum Outcome {
        /** no final answer yet */
        PENDING,
        /** 202: Kafka acknowledged the record */
        ACCEPTED,
        /** 200 "unchanged": the service already has this run (a retry of a delivery Kafka did take) */
        ALREADY_RECORDED,
        /** answered 503 (or not at all) for longer than the sender retries */
        GAVE_UP,
        /** a 4xx: the delivery itself was refused (a fault of this harness, never expected) */
        REJECTED
    }

    static final class Delivery {
        final Plan.Run run;
        final byte[] body;
        final long firstNanos = System.nanoTime();
        volatile Outcome outcome = Outcome.PENDING;
        volatile int attempts;
        volatile String lastAnswer;

        Delivery(Plan.Run run, byte[] body) {
            this.run = run;
            this.body = body;
        }
    }

    private final HttpClient http;
    private final List<URI> endpoints;
    private final String token;
    private final Duration giveUpAfter;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("ci-retries"));
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final Map<String, Delivery> deliveries = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicInteger> answers = new ConcurrentHashMap<>();
    private final AtomicInteger timeouts = new AtomicInteger();
    private final AtomicInteger connectionErrors = new AtomicInteger();
    private final AtomicInteger retried = new AtomicInteger();

    /**
     * @param ports the ci-audit-ingesters, taken in turn like a load balancer would: a delivery's attempts go round
     *              them, so a retry reaches another instance when one is down
     */
    CiDeliveries(HttpClient http, List<Integer> ports, String token, Duration giveUpAfter) {
        this.http = http;
        this.endpoints = ports.stream().map(port -> URI.create("http://127.0.0.1:" + port + "/api/v1/ci-runs")).toList();
        this.token = token;
        this.giveUpAfter = giveUpAfter;
    }

    /** Starts a delivery; blocks only when {@value #MAX_IN_FLIGHT} are unanswered (the sender's own limit). */
    void submit(Plan.Run run, Map<String, Object> event) {
        byte[] body;
        try {
            body = Json.MAPPER.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        inFlight.acquireUninterruptibly();
        Delivery delivery = new Delivery(run, body);
        deliveries.put(run.id(), delivery);
        attempt(delivery);
    }

    private void attempt(Delivery delivery) {
        delivery.attempts++;
        URI endpoint = endpoints.get((delivery.run.index() + delivery.attempts) % endpoints.size());
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body))
                .build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
            try {
                if (error != null) {
                    Throwable cause = error.getCause() != null ? error.getCause() : error;
                    (cause instanceof HttpTimeoutException ? timeouts : connectionErrors).incrementAndGet();
                    delivery.lastAnswer = cause.toString();
                    retryOrGiveUp(delivery);
                    return;
                }
                int status = response.statusCode();
                answers.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                delivery.lastAnswer = status + " " + abbreviate(response.body());
                if (status == 202) {
                    finish(delivery, Outcome.ACCEPTED);
                } else if (status == 200) {
                    finish(delivery, Outcome.ALREADY_RECORDED);
                } else if (status >= 500 || status == 429) {
                    retryOrGiveUp(delivery);
                } else {
                    Console.say("delivery of %s refused: %s", delivery.run.id(), delivery.lastAnswer);
                    finish(delivery, Outcome.REJECTED);
                }
            } catch (RuntimeException e) {
                delivery.lastAnswer = e.toString();
                finish(delivery, Outcome.GAVE_UP);
            }
        });
    }

    private void retryOrGiveUp(Delivery delivery) {
        long backoffMillis = Math.min(8_000, 500L << Math.min(delivery.attempts - 1, 5))
                + ThreadLocalRandom.current().nextLong(250);
        long failingFor = System.nanoTime() - delivery.firstNanos + TimeUnit.MILLISECONDS.toNanos(backoffMillis);
        if (failingFor > giveUpAfter.toNanos()) {
            finish(delivery, Outcome.GAVE_UP);
            return;
        }
        retried.incrementAndGet();
        scheduler.schedule(() -> attempt(delivery), backoffMillis, TimeUnit.MILLISECONDS);
    }

    private void finish(Delivery delivery, Outcome outcome) {
        if (delivery.outcome == Outcome.PENDING) {
            delivery.outcome = outcome;
            inFlight.release();
        }
    }

    /** Waits until every delivery has its final answer; true when none is pending. */
    boolean awaitSettled(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (pending() == 0) {
                return true;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return pending() == 0;
    }

    long pending() {
        return deliveries.values().stream().filter(d -> d.outcome == Outcome.PENDING).count();
    }

    Collection<Delivery> all() {
        return deliveries.values();
    }

    Map<String, Delivery> byId() {
        return deliveries;
    }

    long count(Outcome outcome) {
        return deliveries.values().stream().filter(d -> d.outcome == outcome).count();
    }

    /** Answers by HTTP status over all attempts, e.g. {202=2700, 503=41}. */
    Map<Integer, Integer> answers() {
        Map<Integer, Integer> copy = new TreeMap<>();
        answers.forEach((status, count) -> copy.put(status, count.get()));
        return copy;
    }

    int timeouts() {
        return timeouts.get();
    }

    int connectionErrors() {
        return connectionErrors.get();
    }

    int retried() {
        return retried.get();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        String flat = text.replaceAll("\\s+", " ");
        return flat.length() > 200 ? flat.substring(0, 200) + "…" : flat;
    }
}
