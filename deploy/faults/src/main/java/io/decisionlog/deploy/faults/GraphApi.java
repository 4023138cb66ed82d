package io.decisionlog.deploy.faults;

import com.fasterxml.jackson.databind.JsonNode;
import io.decisionlog.events.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** The parts of decision-graph's REST API the checks use: one commit's chain, the projection, a rebuild. */
final class GraphApi {
    private final HttpClient http;
    private final String base;
    private final String token;

    GraphApi(HttpClient http, int port, String token) {
        this.http = http;
        this.base = "http://127.0.0.1:" + port;
        this.token = token;
    }

    /** GET /api/v1/commits/{repo}/{sha}: the stored chain as JSON, empty on a 404. */
    Optional<JsonNode> commit(String repo, String sha) {
        HttpResponse<String> response = get("/api/v1/commits/" + repo + "/" + sha);
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        return Optional.of(json(response, 200));
    }

    /** GET /api/v1/admin/projection: generation, partitions, lag, caught_up, applied, skipped, last_error. */
    JsonNode projection() {
        return json(get("/api/v1/admin/projection"), 200);
    }

    /** POST /api/v1/admin/rebuild: empties the store; returns the new generation. */
    long rebuild() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/admin/rebuild"))
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.noBody()).build());
        return json(response, 202).path("generation").asLong(-1);
    }

    private HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20)).GET().build());
    }

    private HttpResponse<String> send(HttpRequest unauthenticated) {
        HttpRequest request = HttpRequest.newBuilder(unauthenticated, (name, value) -> true)
                .header("Authorization", "Bearer " + token).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static JsonNode json(HttpResponse<String> response, int expected) {
        if (response.statusCode() != expected) {
            throw new IllegalStateException(response.request().method() + " " + response.request().uri() + " answered "
                    + response.statusCode() + " (expected " + expected + "): " + response.body());
        }
        try {
            return Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON from " + response.request().uri() + ": " + response.body(), e);
        }
    }
}
