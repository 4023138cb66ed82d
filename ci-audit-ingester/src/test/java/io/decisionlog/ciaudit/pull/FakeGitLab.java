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
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GitLab's Pipelines API on a loopback port, from the documentation's own examples: the list (short form, filtered
 * by {@code updated_after}/{@code updated_before}, ordered by update, {@code x-next-page} paging), one pipeline (the
 * {@code get-pipeline.json} example with its fields replaced) and its variables (403 for a pipeline marked so, as
 * for a token without the permission; 429 once when asked, with {@code Retry-After}).
 */
final class FakeGitLab implements AutoCloseable {
    private static final Pattern PIPELINE = Pattern.compile("/api/v4/projects/([^/]+)/pipelines(?:/(\\d+)(/variables)?)?");

    /** One pipeline as the fake serves it; {@code variables} null: the token may not read them. */
    record Pipeline(long id, Instant createdAt, Instant updatedAt, String status, String sha, String user,
                    Map<String, String> variables) {
    }

    private final HttpServer server;
    private final Map<Long, Pipeline> pipelines = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger tooMany = new AtomicInteger();
    private final ObjectNode template;
    private volatile String project;

    FakeGitLab() throws IOException {
        template = (ObjectNode) Json.MAPPER.readTree(Fixtures.bytes("gitlab-api/get-pipeline.json"));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String apiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v4";
    }

    void add(Pipeline pipeline) {
        pipelines.put(pipeline.id(), pipeline);
    }

    /** The next {@code count} requests answer 429 Retry later. */
    void tooManyRequests(int count) {
        tooMany.set(count);
    }

    int requests() {
        return requests.get();
    }

    /** The project path the client asked for, decoded. */
    String project() {
        return project;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            Matcher m = PIPELINE.matcher(exchange.getRequestURI().getRawPath());
            if (!m.matches() || !"glpat-test".equals(exchange.getRequestHeaders().getFirst("PRIVATE-TOKEN"))) {
                send(exchange, m.matches() ? 401 : 404, "{\"message\":\"401 Unauthorized\"}", Map.of());
                return;
            }
            if (tooMany.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                send(exchange, 429, "Retry later", Map.of("Retry-After", "1"));
                return;
            }
            project = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
            if (m.group(2) == null) {
                list(exchange);
                return;
            }
            Pipeline pipeline = pipelines.get(Long.parseLong(m.group(2)));
            if (pipeline == null) {
                send(exchange, 404, "{\"message\":\"404 Not found\"}", Map.of());
            } else if (m.group(3) == null) {
                send(exchange, 200, Json.MAPPER.writeValueAsString(full(pipeline)), Map.of());
            } else if (pipeline.variables() == null) {
                send(exchange, 403, "{\"message\":\"403 Forbidden\"}", Map.of());
            } else {
                ArrayNode variables = Json.MAPPER.createArrayNode();
                pipeline.variables().forEach((key, value) ->
                        variables.addObject().put("key", key).put("variable_type", "env_var").put("value", value));
                send(exchange, 200, Json.MAPPER.writeValueAsString(variables), Map.of());
            }
        }
    }

    private void list(HttpExchange exchange) throws IOException {
        Map<String, String> query = new HashMap<>();
        for (String pair : exchange.getRequestURI().getRawQuery().split("&")) {
            int equals = pair.indexOf('=');
            query.put(pair.substring(0, equals), URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        Instant after = Instant.parse(query.get("updated_after"));
        Instant before = Instant.parse(query.get("updated_before"));
        int perPage = Integer.parseInt(query.get("per_page"));
        int page = Integer.parseInt(query.getOrDefault("page", "1"));
        List<Pipeline> matching = pipelines.values().stream()
                .filter(p -> p.updatedAt().isAfter(after) && p.updatedAt().isBefore(before))
                .sorted(Comparator.comparing(Pipeline::updatedAt)).toList();
        int start = Math.min(matching.size(), (page - 1) * perPage);
        int end = Math.min(matching.size(), start + perPage);
        ArrayNode items = Json.MAPPER.createArrayNode();
        for (Pipeline pipeline : matching.subList(start, end)) {
            ObjectNode full = full(pipeline);
            ObjectNode shortForm = items.addObject();
            for (String field : List.of("id", "iid", "project_id", "status", "source", "ref", "sha", "name", "web_url",
                    "created_at", "updated_at")) {
                shortForm.set(field, full.get(field));
            }
        }
        send(exchange, 200, Json.MAPPER.writeValueAsString(items), Map.of("x-page", Integer.toString(page),
                "x-per-page", Integer.toString(perPage), "x-next-page", end < matching.size() ? Integer.toString(page + 1) : ""));
    }

    private ObjectNode full(Pipeline pipeline) {
        ObjectNode node = template.deepCopy();
        node.put("id", pipeline.id());
        node.put("iid", pipeline.id() % 1000);
        node.put("status", pipeline.status());
        node.put("sha", pipeline.sha());
        node.put("created_at", pipeline.createdAt().toString());
        node.put("updated_at", pipeline.updatedAt().toString());
        node.put("started_at", pipeline.createdAt().plusSeconds(5).toString());
        node.put("finished_at", "success".equals(pipeline.status()) ? pipeline.updatedAt().toString() : null);
        node.put("web_url", "https://gitlab.example.com/" + project + "/-/pipelines/" + pipeline.id());
        ((ObjectNode) node.get("user")).put("username", pipeline.user());
        return node;
    }

    private static void send(HttpExchange exchange, int status, String body, Map<String, String> headers)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
