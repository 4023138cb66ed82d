package io.decisionlog.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.decisionlog.events.Json;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The services' HTTP APIs over java.net.http: a 503 (the service cannot take it now, e.g. Kafka is away) is retried
 * with a short backoff; a refused connection or a timeout becomes {@link Exit#UNREACHABLE} with a message that says
 * which service and what to do.
 */
public final class Http {
    /** Waits before the retries of a 503: about 15 s in all. */
    public static final List<Duration> DEFAULT_BACKOFF = List.of(Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(4), Duration.ofSeconds(4));

    private final HttpClient client;
    private final Duration requestTimeout;
    private final List<Duration> backoff;
    private final String token;

    public Http(Duration requestTimeout, List<Duration> backoff) {
        this(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(3)).build(),
                requestTimeout, backoff, null);
    }

    private Http(HttpClient client, Duration requestTimeout, List<Duration> backoff, String token) {
        this.client = client;
        this.requestTimeout = requestTimeout;
        this.backoff = List.copyOf(backoff);
        this.token = token;
    }

    public static Http defaults() {
        return new Http(Duration.ofSeconds(60), DEFAULT_BACKOFF);
    }

    /** The same client, sending {@code Authorization: Bearer <token>} with every request (none when null). */
    public Http withToken(String bearer) {
        return new Http(client, requestTimeout, backoff, bearer);
    }

    /** An answer: status, body as text, content type. */
    public record Response(int status, String body, String contentType) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The {@code message} of a JSON error body, else the body's start, else the status. */
        public String message() {
            if (body != null && !body.isBlank()) {
                try {
                    JsonNode json = Json.MAPPER.readTree(body);
                    if (json != null && json.hasNonNull("message")) {
                        return json.get("message").asText();
                    }
                } catch (IOException notJson) {
                    // fall through to the text itself
                }
                String text = body.strip();
                return text.length() > 300 ? text.substring(0, 300) + "…" : text;
            }
            return "HTTP " + status;
        }

        public JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new CliException(Exit.NOT_FOUND, "the answer is not JSON: " + message());
            }
        }
    }

    public Response get(String service, String url) {
        return send(service, HttpRequest.newBuilder(URI.create(url)).GET().header("Accept", "application/json, text/plain"));
    }

    public Response postJson(String service, String url, Object body) {
        try {
            return post(service, url, Json.MAPPER.writeValueAsBytes(body), "application/json", Map.of());
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the request body", e);
        }
    }

    public Response post(String service, String url, byte[] body, String contentType, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", contentType)
                .header("Accept", "application/json");
        headers.forEach(request::header);
        return send(service, request);
    }

    /**
     * Streams a GET's body into {@code target} (through a temporary file beside it, moved into place on success): a
     * large download never sits in memory. On a refusal the body is read back as the answer's message, and nothing is
     * left at {@code target}.
     *
     * @return the answer, its body the number of bytes written when it succeeded
     */
    public Response download(String service, String url, Path target) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).GET();
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        HttpRequest request = builder.timeout(requestTimeout).build();
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        try {
            HttpResponse<Path> response = exchange(service, request, HttpResponse.BodyHandlers.ofFile(partial));
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            if (response.statusCode() / 100 != 2) {
                String body = Files.readString(partial, StandardCharsets.UTF_8);
                return new Response(response.statusCode(), body, contentType);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new Response(response.statusCode(), String.valueOf(Files.size(target)), contentType);
        } catch (IOException e) {
            throw CliException.unreachable("cannot write " + target + ": " + e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // the .part file is only ever a leftover: the download's outcome is already decided
            }
        }
    }

    public Response delete(String service, String url) {
        return send(service, HttpRequest.newBuilder(URI.create(url)).DELETE().header("Accept", "application/json"));
    }

    private Response send(String service, HttpRequest.Builder builder) {
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        HttpRequest request = builder.timeout(requestTimeout).build();
        for (int attempt = 0; ; attempt++) {
            Response response = once(service, request);
            if (response.status() != 503 || attempt >= backoff.size()) {
                return response;
            }
            sleep(backoff.get(attempt));
        }
    }

    private Response once(String service, HttpRequest request) {
        HttpResponse<String> response = exchange(service, request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Response(response.statusCode(), response.body(),
                response.headers().firstValue("Content-Type").orElse(""));
    }

    private <T> HttpResponse<T> exchange(String service, HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return client.send(request, body);
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw CliException.unreachable("cannot reach " + service + " at " + origin(request.uri())
                    + " (connection refused): is the stack up? (./decisionlog up, ./decisionlog status)");
        } catch (HttpTimeoutException e) {
            throw CliException.unreachable(service + " at " + origin(request.uri()) + " did not answer within "
                    + requestTimeout.toSeconds() + " s");
        } catch (IOException e) {
            throw CliException.unreachable("cannot talk to " + service + " at " + origin(request.uri()) + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.unreachable("interrupted while waiting for " + service);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.unreachable("interrupted");
        }
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getAuthority();
    }

    /** A query parameter or path segment, URL-encoded ({@code acme/payments} → {@code acme%2Fpayments}). */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A base URL without its trailing slash. */
    public static String base(String url) {
        String trimmed = url.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        if (!trimmed.startsWith("http://") && !trimmed.startsWith("https://")) {
            throw CliException.usage("not an http(s) URL: " + url);
        }
        return trimmed;
    }
}
