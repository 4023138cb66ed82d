package io.decisionlog.ciaudit.pull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.decisionlog.ciaudit.Fixtures;
import io.decisionlog.events.Json;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * GitHub's {@code GET /repos/{owner}/{repo}/actions/runs} on a loopback port, replaying the API's own example run
 * ({@code fixtures/github-api/list-workflow-runs-for-repo.json}) as the template of every run it serves: the
 * {@code created} filter (inclusive, {@code A..B}), newest first, pages of {@code per_page} with a {@code link}
 * header, the 1,000-result cap of a filtered query, an {@code etag} per page and 304 on {@code If-None-Match}, and
 * rate-limit headers. Faults queued with {@link #fault} answer the next requests instead.
 */
public final class FakeGitHub implements AutoCloseable {
    static final String REPO = "acme/payments";
    private static final java.util.regex.Pattern RUNS = java.util.regex.Pattern.compile("/repos/[^/]+/[^/]+/actions/runs");

    /** One run as the fake serves it. */
    public record Run(long id, Instant createdAt, Instant updatedAt, String status, String conclusion, String sha, String title) {
    }

    /** What the next request gets instead of its page. */
    public sealed interface Fault permits Answer, RateLimit, ServerError, Slow, NextElsewhere {
    }

    /** The page as usual: queued before a fault, to let that many requests through first. */
    public record Answer() implements Fault {
    }

    /** 403 with nothing left until {@code resetInSeconds} from now (GitHub's primary limit). */
    public record RateLimit(long resetInSeconds) implements Fault {
    }

    public record ServerError(int status) implements Fault {
    }

    /** The page, after {@code millis}. */
    public record Slow(long millis) implements Fault {
    }

    /** The page with a next link to another host. */
    public record NextElsewhere() implements Fault {
    }

    private final HttpServer server;
    private final List<Run> runs = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Fault> faults = new ConcurrentLinkedQueue<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger notModified = new AtomicInteger();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private final Map<String, Answered> memo = new java.util.concurrent.ConcurrentHashMap<>();
    private final ObjectNode template;
    private volatile boolean memoize;

    /** A page as built: its body and headers. */
    private record Answered(byte[] body, Map<String, String> headers) {
    }

    public FakeGitHub() throws IOException {
        template = (ObjectNode) Json.MAPPER.readTree(Fixtures.bytes("github-api/list-workflow-runs-for-repo.json"))
                .path("workflow_runs").get(0);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::handle);
        server.start();
    }

    public String apiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void add(Run run) {
        runs.removeIf(r -> r.id() == run.id());
        runs.add(run);
    }

    /** Runs with ids not served yet, in one go. */
    public void addAll(List<Run> newRuns) {
        runs.addAll(newRuns);
    }

    public void fault(Fault fault) {
        faults.add(fault);
    }

    public int requests() {
        return requests.get();
    }

    public int notModified() {
        return notModified.get();
    }

    public List<String> authorizations() {
        return authorizations;
    }

    /** Every runs request's path and query, in order (for a benchmark's floor: the same pages, fetched only). */
    public List<String> asked() {
        return asked;
    }

    /**
     * Builds each page once and serves it from memory after that, so that a benchmark times the client, not the
     * fake; only for runs that no longer change.
     */
    public void memoize() {
        memoize = true;
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        Fault fault = faults.poll();
        try (exchange) {
            if (!RUNS.matcher(exchange.getRequestURI().getPath()).matches()) {
                send(exchange, 404, "{\"message\":\"Not Found\"}", Map.of());
                return;
            }
            if (fault instanceof RateLimit limit) {
                send(exchange, 403, "{\"message\":\"API rate limit exceeded\"}", Map.of("x-ratelimit-remaining", "0",
                        "x-ratelimit-reset", Long.toString(Instant.now().getEpochSecond() + limit.resetInSeconds())));
                return;
            }
            if (fault instanceof ServerError error) {
                send(exchange, error.status(), "{\"message\":\"Server Error\"}", Map.of());
                return;
            }
            if (fault instanceof Slow slow) {
                sleep(slow.millis());
            }
            page(exchange, fault instanceof NextElsewhere);
        }
    }

    private void page(HttpExchange exchange, boolean nextElsewhere) throws IOException {
        String asked = exchange.getRequestURI().getRawPath() + "?" + exchange.getRequestURI().getRawQuery();
        this.asked.add(asked);
        Answered answer = memoize && !nextElsewhere ? memo.computeIfAbsent(asked, key -> build(exchange, false))
                : build(exchange, nextElsewhere);
        answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        if (answer.headers().get("etag").equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
            notModified.incrementAndGet();
            exchange.sendResponseHeaders(304, -1);
            return;
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(200, answer.body().length);
        exchange.getResponseBody().write(answer.body());
    }

    private Answered build(HttpExchange exchange, boolean nextElsewhere) {
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        int perPage = Integer.parseInt(query.getOrDefault("per_page", "30"));
        int page = Integer.parseInt(query.getOrDefault("page", "1"));
        String[] created = query.get("created").split("\\.\\.");
        Instant from = Instant.parse(created[0]);
        Instant to = Instant.parse(created[1]);
        List<Run> matching = new ArrayList<>(runs.stream()
                .filter(r -> !r.createdAt().isBefore(from) && !r.createdAt().isAfter(to))
                .sorted(Comparator.comparing(Run::createdAt).reversed()).toList());
        List<Run> reachable = matching.subList(0, Math.min(matching.size(), GitHubRunsApi.RESULT_CAP));
        int start = Math.min(reachable.size(), (page - 1) * perPage);
        int end = Math.min(reachable.size(), start + perPage);
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("total_count", matching.size());
        ArrayNode items = body.putArray("workflow_runs");
        reachable.subList(start, end).forEach(run -> items.add(json(run)));
        byte[] bytes;
        try {
            bytes = Json.MAPPER.writeValueAsBytes(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String etag = "W/\"" + HexFormat.of().formatHex(sha256(bytes)) + "\"";
        Map<String, String> headers = new HashMap<>(Map.of("etag", etag, "x-ratelimit-remaining", "4000",
                "x-ratelimit-reset", Long.toString(Instant.now().getEpochSecond() + 3600)));
        if (end < reachable.size() || nextElsewhere) {
            String host = nextElsewhere ? "http://evil.example:" + server.getAddress().getPort() : apiUrl();
            headers.put("link", "<" + host + exchange.getRequestURI().getPath() + "?per_page=" + perPage + "&created="
                    + query.get("created") + "&page=" + (page + 1) + ">; rel=\"next\"");
        }
        return new Answered(bytes, headers);
    }

    private ObjectNode json(Run run) {
        ObjectNode node = template.deepCopy();
        node.put("id", run.id());
        node.put("run_number", run.id());
        node.put("created_at", run.createdAt().toString());
        node.put("updated_at", run.updatedAt().toString());
        node.put("run_started_at", run.createdAt().toString());
        node.put("status", run.status());
        if (run.conclusion() == null) {
            node.putNull("conclusion");
        } else {
            node.put("conclusion", run.conclusion());
        }
        node.put("head_sha", run.sha());
        node.put("display_title", run.title());
        return node;
    }

    private static void send(HttpExchange exchange, int status, String body, Map<String, String> headers)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        for (String pair : raw == null ? new String[0] : raw.split("&")) {
            int equals = pair.indexOf('=');
            query.put(pair.substring(0, equals), URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return query;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
