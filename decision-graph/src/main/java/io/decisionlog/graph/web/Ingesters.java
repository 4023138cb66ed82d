package io.decisionlog.graph.web;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.decisionlog.events.Json;
import io.decisionlog.graph.config.WebConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Asks the ingesters what only they know (a sync in progress, a minutes file's errors) with the viewer's own
 * credential, so they apply the viewer's role and scope themselves. The URLs are the operator's configuration, never a
 * request's: nothing here fetches where a page asks it to.
 */
@ApplicationScoped
public class Ingesters {
    private static final Logger LOG = Logger.getLogger(Ingesters.class);
    /** An ingester's answer to a page is small: a bigger one is not what we asked for. */
    private static final int MAX_ANSWER_BYTES = 8 * 1024 * 1024;

    private final URI blame;
    private final URI minutes;
    private final Duration timeout;
    private final HttpClient client;
    private final ObjectMapper json = Json.MAPPER;

    @Inject
    public Ingesters(WebConfig config) {
        this.blame = config.blameUrl();
        this.minutes = config.minutesUrl();
        this.timeout = config.ingesterTimeout();
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    IngesterAnswer<List<IngesterViews.RepoStatus>> repos(Optional<String> credential) {
        return get(blame.resolve("/api/v1/repos"), credential, new TypeReference<>() { });
    }

    IngesterAnswer<List<IngesterViews.SourceStatus>> sources(Optional<String> credential) {
        return get(minutes.resolve("/api/v1/sources"), credential, new TypeReference<>() { });
    }

    IngesterAnswer<IngesterViews.SourceStatus> source(String source, Optional<String> credential) {
        URI uri = minutes.resolve("/api/v1/sources/" + URLEncoder.encode(source, StandardCharsets.UTF_8));
        return get(uri, credential, new TypeReference<>() { });
    }

    private <T> IngesterAnswer<T> get(URI uri, Optional<String> credential, TypeReference<T> type) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json");
        credential.ifPresent(token -> request.header("Authorization", "Bearer " + token));
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 404) {
                return new IngesterAnswer.Missing<>();
            }
            if (response.statusCode() != 200) {
                return unavailable(uri, "it answered " + response.statusCode());
            }
            if (response.body().length > MAX_ANSWER_BYTES) {
                return unavailable(uri, "its answer is over " + MAX_ANSWER_BYTES / 1024 / 1024 + " MiB");
            }
            return new IngesterAnswer.Found<>(json.readValue(response.body(), type));
        } catch (IOException e) {
            return unavailable(uri, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unavailable(uri, "interrupted");
        }
    }

    private static <T> IngesterAnswer<T> unavailable(URI uri, String why) {
        String reason = uri.getScheme() + "://" + uri.getAuthority() + " did not answer usefully (" + why + ")";
        LOG.debugf("a page asked an ingester: %s", reason);
        return new IngesterAnswer.Unavailable<>(reason);
    }
}
