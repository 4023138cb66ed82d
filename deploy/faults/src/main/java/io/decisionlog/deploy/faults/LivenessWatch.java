package io.decisionlog.deploy.faults;

import com.fasterxml.jackson.databind.JsonNode;
import io.decisionlog.events.Json;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Polls each decision-graph instance's {@code /q/health/live} every 2 s and notes when its Kafka Streams client stops
 * running (Quarkus' "Kafka Streams state health check" goes DOWN): an instance whose Streams died of an error keeps
 * answering queries, but no longer processes anything.
 */
final class LivenessWatch implements AutoCloseable {
    private final HttpClient http;
    private final List<ServiceProcess> graphs;
    private final Map<String, String> firstDown = new ConcurrentHashMap<>();
    private final Thread thread = new Thread(this::run, "liveness-watch");
    private volatile boolean running = true;

    LivenessWatch(HttpClient http, List<ServiceProcess> graphs) {
        this.http = http;
        this.graphs = graphs;
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            for (ServiceProcess graph : graphs) {
                if (graph.isAlive() && !firstDown.containsKey(graph.name())) {
                    String state = streamsStateIfDown(graph);
                    if (state != null) {
                        long seconds = Console.elapsed().toSeconds();
                        String at = String.format("%02d:%02d", seconds / 60, seconds % 60);
                        firstDown.put(graph.name(), "Kafka Streams " + state + " at " + at);
                        Console.say("  %s: /q/health/live is DOWN, Kafka Streams state %s (the instance still answers"
                                + " queries but processes nothing); see its log", graph.name(), state);
                    }
                }
            }
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The Streams state when the liveness check says DOWN because of it; null when up or not answering. */
    private String streamsStateIfDown(ServiceProcess graph) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(graph.url("/q/health/live")))
                    .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return null;
            }
            for (JsonNode check : Json.MAPPER.readTree(response.body()).path("checks")) {
                if ("DOWN".equals(check.path("status").asText()) && check.path("name").asText().contains("Streams")) {
                    return check.path("data").path("state").asText("DOWN");
                }
            }
            return null;
        } catch (Exception notAnswering) {
            return null;
        }
    }

    /** Instance name → when and in which state its Streams client was first seen down. */
    Map<String, String> firstDown() {
        return firstDown;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
