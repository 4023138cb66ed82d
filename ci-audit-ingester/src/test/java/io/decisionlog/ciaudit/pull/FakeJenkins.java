package io.decisionlog.ciaudit.pull;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Jenkins job's JSON API on a loopback port, from the {@code job-builds.json} example: {@code allBuilds} newest
 * first, cut by the {@code {M,N}} range of the {@code tree} parameter; a finished build is the example's finished one
 * with its number, time, result, commit and parameters replaced, a build without a commit the example's building one.
 * Basic auth must be {@code ci:jenkins-token}.
 */
final class FakeJenkins implements AutoCloseable {
    private static final Pattern RANGE = Pattern.compile("\\{(\\d+),(\\d+)}$");
    private static final String AUTH = "Basic " + Base64.getEncoder()
            .encodeToString("ci:jenkins-token".getBytes(StandardCharsets.UTF_8));

    /** One build; {@code sha} null: not yet past checkout; {@code result} null: still building. */
    record Build(int number, Instant scheduledAt, String result, String sha, Map<String, String> parameters) {
    }

    private final HttpServer server;
    private final Map<Integer, Build> builds = new ConcurrentHashMap<>();
    private final List<String> ranges = new CopyOnWriteArrayList<>();
    private final ObjectNode finished;
    private final ObjectNode building;

    FakeJenkins() throws IOException {
        JsonNode example = Json.MAPPER.readTree(Fixtures.bytes("jenkins-api/job-builds.json")).get("builds");
        building = (ObjectNode) example.get(0);
        finished = (ObjectNode) example.get(1);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String jobUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/job/deploy-config";
    }

    void add(Build build) {
        builds.put(build.number(), build);
    }

    /** The {@code {M,N}} ranges asked for, in order. */
    List<String> ranges() {
        return ranges;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals("/job/deploy-config/api/json")) {
                send(exchange, 404, "Not Found");
                return;
            }
            if (!AUTH.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                send(exchange, 401, "Unauthorized");
                return;
            }
            String tree = URLDecoder.decode(exchange.getRequestURI().getRawQuery().substring("tree=".length()),
                    StandardCharsets.UTF_8);
            Matcher range = RANGE.matcher(tree);
            if (!tree.startsWith("allBuilds[") || !range.find()) {
                send(exchange, 400, "the fake serves allBuilds ranges only: " + tree);
                return;
            }
            ranges.add(range.group());
            List<Build> newestFirst = builds.values().stream()
                    .sorted(Comparator.comparingInt(Build::number).reversed()).toList();
            int from = Math.min(newestFirst.size(), Integer.parseInt(range.group(1)));
            int to = Math.min(newestFirst.size(), Integer.parseInt(range.group(2)));
            ObjectNode job = Json.MAPPER.createObjectNode().put("_class", "hudson.model.FreeStyleProject");
            ArrayNode all = job.putArray("allBuilds");
            newestFirst.subList(from, to).forEach(build -> all.add(node(build)));
            send(exchange, 200, Json.MAPPER.writeValueAsString(job));
        }
    }

    private ObjectNode node(Build build) {
        ObjectNode node = (build.sha() == null ? building : finished).deepCopy();
        node.put("number", build.number());
        node.put("timestamp", build.scheduledAt().toEpochMilli());
        node.put("building", build.result() == null);
        node.put("result", build.result());
        node.put("duration", build.result() == null ? 0 : 93_512);
        node.put("url", jobUrl() + "/" + build.number() + "/");
        for (JsonNode action : node.withArray("actions")) {
            if (action.has("parameters")) {
                ArrayNode parameters = ((ObjectNode) action).putArray("parameters");
                build.parameters().forEach((name, value) -> parameters.addObject()
                        .put("_class", "hudson.model.StringParameterValue").put("name", name).put("value", value));
            }
            if (action.has("lastBuiltRevision")) {
                ((ObjectNode) action.get("lastBuiltRevision")).put("SHA1", build.sha());
            }
        }
        return node;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json;charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
