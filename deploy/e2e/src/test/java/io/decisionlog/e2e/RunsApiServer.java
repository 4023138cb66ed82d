package io.decisionlog.e2e;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.decisionlog.cli.demo.CiWebhooks;
import io.decisionlog.events.Json;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * GitHub's {@code GET /repos/{owner}/{repo}/actions/runs} on a loopback port for runs no webhook delivered: each run
 * is the {@code workflow_run} object of the delivery the demo would send (the runs API and the webhook share the
 * {@code workflow-run} schema), served for the {@code created} window it falls in. Asks for the bearer token.
 */
final class RunsApiServer implements AutoCloseable {
    static final String TOKEN = "e2e-pull-token";

    private final HttpServer server;
    private final List<ObjectNode> runs = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();

    RunsApiServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String apiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void add(CiWebhooks.GitHubRun run) {
        runs.add((ObjectNode) CiWebhooks.gitHubWorkflowRun(run, "unused", "unused").json().get("workflow_run"));
    }

    int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                send(exchange, 401, "{\"message\":\"Bad credentials\"}");
                return;
            }
            if (!exchange.getRequestURI().getPath().endsWith("/actions/runs")) {
                send(exchange, 404, "{\"message\":\"Not Found\"}");
                return;
            }
            String[] created = created(exchange.getRequestURI().getRawQuery()).split("\\.\\.");
            Instant from = Instant.parse(created[0]);
            Instant to = Instant.parse(created[1]);
            ObjectNode page = Json.MAPPER.createObjectNode();
            ArrayNode items = page.putArray("workflow_runs");
            for (ObjectNode run : runs) {
                Instant at = Instant.parse(run.path("created_at").asText());
                if (!at.isBefore(from) && !at.isAfter(to)) {
                    items.add(run);
                }
            }
            page.put("total_count", items.size());
            send(exchange, 200, Json.MAPPER.writeValueAsString(page));
        }
    }

    private static String created(String rawQuery) {
        for (String pair : rawQuery.split("&")) {
            if (pair.startsWith("created=")) {
                return URLDecoder.decode(pair.substring("created=".length()), StandardCharsets.UTF_8);
            }
        }
        throw new IllegalArgumentException("no created window in " + rawQuery);
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
