package io.decisionlog.graph.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.decisionlog.events.BlameFile;
import io.decisionlog.events.GateRules;
import io.decisionlog.events.Json;
import io.decisionlog.events.LineHistory;
import io.decisionlog.events.WireFormat;
import io.decisionlog.events.errors.BadRequest;
import io.decisionlog.events.errors.Busy;
import io.decisionlog.events.errors.NotFound;
import io.decisionlog.events.errors.Unprocessable;
import io.decisionlog.graph.config.WebConfig;
import io.decisionlog.kit.api.ErrorBody;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InterruptedIOException;
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
    private static final int MAX_ERROR_BYTES = 64 * 1024;

    private final URI blame;
    private final URI minutes;
    private final Duration timeout;
    private final Duration pastBlameTimeout;
    private final HttpClient client;
    private final ObjectMapper json = Json.MAPPER;

    @Inject
    public Ingesters(WebConfig config) {
        this.blame = config.blameUrl();
        this.minutes = config.minutesUrl();
        this.timeout = config.ingesterTimeout();
        this.pastBlameTimeout = config.pastBlameTimeout();
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The token of an {@code Authorization: Bearer …} header, to ask an ingester with the caller's own credential. */
    public static Optional<String> bearer(String authorization) {
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(authorization.substring(7).trim());
        }
        return Optional.empty();
    }

    public IngesterAnswer<List<IngesterViews.RepoStatus>> repos(Optional<String> credential) {
        return get(blame.resolve("/api/v1/repos"), credential, new TypeReference<>() { });
    }

    public IngesterAnswer<List<IngesterViews.SourceStatus>> sources(Optional<String> credential) {
        return get(minutes.resolve("/api/v1/sources"), credential, new TypeReference<>() { });
    }

    public IngesterAnswer<IngesterViews.SourceStatus> source(String source, Optional<String> credential) {
        URI uri = minutes.resolve("/api/v1/sources/" + encode(source));
        return get(uri, credential, new TypeReference<>() { });
    }

    /**
     * The blame of a file at a past revision, from the blame-ingester (which resolves the revision in its clone). Its
     * refusals are passed on as they are — which revision is unknown, which path was not there — and no answer at
     * all is a 503 that names the service.
     */
    public BlameFile blameAt(String repo, String path, String rev, Optional<String> credential) {
        return fromBlameIngester(repoUri(repo, "/blame?path=" + encode(path) + "&rev=" + encode(rev)), credential,
                BlameFile.class, "blame " + path + " at " + rev);
    }

    /** A line's history from the blame-ingester ({@code rev} null: from the tip), its refusals passed on likewise. */
    public LineHistory history(String repo, String path, int line, String rev, Optional<String> credential) {
        return fromBlameIngester(repoUri(repo, "/history?path=" + encode(path) + "&line=" + line
                + (rev == null ? "" : "&rev=" + encode(rev))), credential, LineHistory.class, "follow " + path + ":" + line);
    }

    /** A registration's gate rules, as the blame-ingester holds them; its refusals passed on likewise. */
    @WireFormat
    public record RepoGate(String repo, GateRules gate) {
    }

    public RepoGate gateRules(String repo, Optional<String> credential) {
        return fromBlameIngester(repoUri(repo, ""), credential, RepoGate.class, "read the registration of " + repo);
    }

    private URI repoUri(String repo, String rest) {
        return blame.resolve("/api/v1/repos/" + encode(repo) + rest);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private <T> T fromBlameIngester(URI uri, Optional<String> credential, Class<T> type, String what) {
        HttpResponse<byte[]> response;
        try {
            response = send(uri, credential, pastBlameTimeout);
        } catch (IOException e) {
            throw new Busy(describe(uri) + " did not answer: " + reason(e));
        }
        if (response.statusCode() == 200 && response.body().length <= MAX_ANSWER_BYTES) {
            try {
                return json.readValue(response.body(), type);
            } catch (IOException e) {
                throw new Busy(describe(uri) + " sent an answer that cannot be read: " + reason(e));
            }
        }
        ErrorBody error = errorOf(response.body());
        String message = error.message() == null ? describe(uri) + " answered " + response.statusCode() : error.message();
        throw switch (response.statusCode()) {
            case 400 -> new BadRequest(error.field(), message);
            case 404 -> new NotFound(message);
            case 422 -> new Unprocessable(error.field(), message);
            default -> new Busy("the blame-ingester could not " + what + ": " + message);
        };
    }

    private <T> IngesterAnswer<T> get(URI uri, Optional<String> credential, TypeReference<T> type) {
        try {
            HttpResponse<byte[]> response = send(uri, credential, timeout);
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
            return unavailable(uri, reason(e));
        }
    }

    private HttpResponse<byte[]> send(URI uri, Optional<String> credential, Duration wait) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(wait).header("Accept", "application/json");
        credential.ifPresent(token -> request.header("Authorization", "Bearer " + token));
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
    }

    private ErrorBody errorOf(byte[] body) {
        try {
            return body.length > MAX_ERROR_BYTES ? new ErrorBody(null, null, null) : json.readValue(body, ErrorBody.class);
        } catch (IOException e) {
            return new ErrorBody(null, null, null);
        }
    }

    private static String reason(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String describe(URI uri) {
        return uri.getScheme() + "://" + uri.getAuthority();
    }

    private static <T> IngesterAnswer<T> unavailable(URI uri, String why) {
        String reason = describe(uri) + " did not answer usefully (" + why + ")";
        LOG.debugf("a page asked an ingester: %s", reason);
        return new IngesterAnswer.Unavailable<>(reason);
    }
}
