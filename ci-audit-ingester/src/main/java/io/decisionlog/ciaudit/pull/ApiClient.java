package io.decisionlog.ciaudit.pull;

import java.io.IOException;
import java.io.InputStream;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * GET against a CI system's API the way its documentation asks: conditional requests ({@code If-None-Match} with the
 * page's last ETag; a 304 answers with the page kept from before and, at GitHub, costs no rate limit), a pause on a
 * rate limit ({@code retry-after}, else until {@code x-ratelimit-reset} / {@code RateLimit-Reset} when nothing is left,
 * else a minute, doubling), retries of 5xx answers and of failed or slow connections, a cap on a page's size, and no
 * redirects (a credential stays with the host it is bound to). Every connection goes through the outbound guard's
 * proxy. A wait longer than {@code maxWait} is not slept: it ends the pass with {@link RateLimited}, so one source at
 * its limit never holds a pull thread for an hour.
 */
public final class ApiClient {
    /** Pages kept for conditional requests: enough for a day of one busy source's windows. */
    private static final int CACHED_PAGES = 2_000;

    /** A page as the API answered it, or as it was when the API said it has not changed. */
    public record Page(URI uri, byte[] body, HttpHeaders headers, boolean notModified) {
        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }
    }

    /** A pass stops here and goes on after {@code until}; the pages before it are kept. */
    public static final class RateLimited extends Exception {
        private final Instant until;

        RateLimited(String message, Instant until) {
            super(message);
            this.until = until;
        }

        public Instant until() {
            return until;
        }
    }

    /** What an API refused or could not answer after the retries: status (0 without an answer) and why. */
    public static final class ApiFailure extends Exception {
        private final int status;

        ApiFailure(int status, String message, Throwable cause) {
            super(message, cause);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** How a pull waits; tests count the waits instead of sleeping through long ones. */
    public interface Pause {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** The limits of one client (from {@code decisionlog.ci.pull.*}). */
    public record Limits(Duration requestTimeout, int retries, Duration retryBase, Duration maxWait, long maxPageBytes) {
    }

    private record Cached(String etag, byte[] body) {
    }

    private final HttpClient http;
    private final Limits limits;
    private final Clock clock;
    private final Pause pause;
    private final Map<String, Cached> pages = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
            return size() > CACHED_PAGES;
        }
    };
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong notModified = new AtomicLong();
    private volatile Instant nothingLeftUntil = Instant.EPOCH;

    public ApiClient(ProxySelector proxy, Limits limits, Clock clock, Pause pause) {
        this.http = HttpClient.newBuilder().proxy(proxy).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(limits.requestTimeout()).build();
        this.limits = limits;
        this.clock = clock;
        this.pause = pause;
    }

    /** Requests sent, and how many of them were answered 304. */
    public long requests() {
        return requests.get();
    }

    public long notModified() {
        return notModified.get();
    }

    public Page get(URI uri, Map<String, String> headers) throws RateLimited, ApiFailure, InterruptedException {
        Duration backoff = limits.retryBase();
        Duration limitBackoff = Duration.ofMinutes(1);
        for (int attempt = 0; ; attempt++) {
            waitOut(nothingLeftUntil, uri);
            HttpResponse<byte[]> response;
            try {
                response = send(uri, headers);
            } catch (IOException e) {
                if (attempt >= limits.retries()) {
                    throw new ApiFailure(0, uri.getHost() + " did not answer " + uri.getPath() + " after "
                            + (attempt + 1) + " attempts: " + describe(e), e);
                }
                pause.sleep(backoff);
                backoff = backoff.multipliedBy(2);
                continue;
            }
            int status = response.statusCode();
            rememberRemaining(response.headers());
            if (status == 200) {
                return fresh(uri, response);
            }
            if (status == 304) {
                notModified.incrementAndGet();
                Cached cached = pages.get(uri.toString());
                if (cached != null) {
                    return new Page(uri, cached.body(), response.headers(), true);
                }
                throw new ApiFailure(304, uri.getHost() + " answered 304 to a request it had no ETag for", null);
            }
            if (isRateLimited(status, response.headers())) {
                waitOut(rateLimitEnd(response.headers(), limitBackoff), uri);
                limitBackoff = limitBackoff.multipliedBy(2);
                continue;
            }
            if (status >= 500 && attempt < limits.retries()) {
                pause.sleep(backoff);
                backoff = backoff.multipliedBy(2);
                continue;
            }
            throw new ApiFailure(status, uri.getHost() + " answered " + status + " to GET " + uri.getPath()
                    + (status / 100 == 3 ? " (a redirect, not followed: credentials stay with their host)" : "")
                    + ": " + excerpt(response.body()), null);
        }
    }

    private HttpResponse<byte[]> send(URI uri, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(limits.requestTimeout()).GET();
        headers.forEach(request::header);
        Cached cached;
        synchronized (pages) {
            cached = pages.get(uri.toString());
        }
        if (cached != null) {
            request.header("If-None-Match", cached.etag());
        }
        requests.incrementAndGet();
        HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxPageBytes() + 1));
            if (body.length > limits.maxPageBytes()) {
                throw new IOException("the page is over " + limits.maxPageBytes() + " bytes (decisionlog.ci.pull.max-page-bytes)");
            }
            return new BytesResponse(response, body);
        }
    }

    private Page fresh(URI uri, HttpResponse<byte[]> response) {
        response.headers().firstValue("etag").ifPresent(etag -> {
            synchronized (pages) {
                pages.put(uri.toString(), new Cached(etag, response.body()));
            }
        });
        return new Page(uri, response.body(), response.headers(), false);
    }

    /** GitHub: 403 or 429 with nothing left or a retry-after; GitLab: 429. A 403 otherwise is a permission. */
    private static boolean isRateLimited(int status, HttpHeaders headers) {
        if (status == 429) {
            return true;
        }
        return status == 403 && (headers.firstValue("retry-after").isPresent()
                || headers.firstValue("x-ratelimit-remaining").filter("0"::equals).isPresent());
    }

    private Instant rateLimitEnd(HttpHeaders headers, Duration fallback) {
        Instant now = clock.instant();
        Optional<Long> retryAfter = headers.firstValue("retry-after").flatMap(ApiClient::number);
        if (retryAfter.isPresent()) {
            return now.plusSeconds(retryAfter.get());
        }
        Optional<Long> reset = resetOf(headers);
        if (reset.isPresent() && remainingOf(headers).filter(left -> left == 0).isPresent()) {
            return Instant.ofEpochSecond(reset.get());
        }
        return now.plus(fallback);
    }

    /** An answer that leaves nothing of the limit makes the next request wait for the reset, not hit a 403. */
    private void rememberRemaining(HttpHeaders headers) {
        if (remainingOf(headers).filter(left -> left == 0).isPresent()) {
            resetOf(headers).ifPresent(reset -> nothingLeftUntil = Instant.ofEpochSecond(reset));
        }
    }

    private void waitOut(Instant until, URI uri) throws RateLimited, InterruptedException {
        Duration wait = Duration.between(clock.instant(), until);
        if (wait.isNegative() || wait.isZero()) {
            return;
        }
        if (wait.compareTo(limits.maxWait()) > 0) {
            throw new RateLimited(uri.getHost() + "'s rate limit is spent until " + until, until);
        }
        pause.sleep(wait);
    }

    private static Optional<Long> remainingOf(HttpHeaders headers) {
        return headers.firstValue("x-ratelimit-remaining").or(() -> headers.firstValue("ratelimit-remaining"))
                .flatMap(ApiClient::number);
    }

    private static Optional<Long> resetOf(HttpHeaders headers) {
        return headers.firstValue("x-ratelimit-reset").or(() -> headers.firstValue("ratelimit-reset"))
                .flatMap(ApiClient::number);
    }

    private static Optional<Long> number(String value) {
        try {
            return Optional.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** The API's own message, short and on one line; it is the provider's text, never a credential of ours. */
    private static String excerpt(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, 300), java.nio.charset.StandardCharsets.UTF_8);
        return text.replaceAll("\\s+", " ").trim();
    }

    /** A response whose body was read (and bounded) already. */
    private record BytesResponse(HttpResponse<InputStream> response, byte[] body) implements HttpResponse<byte[]> {
        @Override
        public int statusCode() {
            return response.statusCode();
        }

        @Override
        public HttpRequest request() {
            return response.request();
        }

        @Override
        public Optional<HttpResponse<byte[]>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public HttpHeaders headers() {
            return response.headers();
        }

        @Override
        public Optional<javax.net.ssl.SSLSession> sslSession() {
            return response.sslSession();
        }

        @Override
        public URI uri() {
            return response.uri();
        }

        @Override
        public HttpClient.Version version() {
            return response.version();
        }
    }
}
