package io.decisionlog.ciaudit.pull;

import io.decisionlog.ciaudit.ingest.GitHubRunsPage;
import io.decisionlog.events.CiSource;
import io.decisionlog.events.errors.BadRequest;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GitHub Actions' {@code GET {api}/repos/{owner}/{repo}/actions/runs}. Its only time filter is {@code created} (no
 * {@code updated}: a run still going at one pass is read again by the next pass's lookback), and a filtered query
 * returns at most 1,000 runs, so a window whose {@code total_count} says more is split in two until it fits. Pages of
 * 100, following the {@code link} header's {@code rel="next"} — only while it stays on the API's own host. The window
 * bounds are the same from pass to pass, so a page read again is a conditional request (a 304 costs no rate limit).
 */
public final class GitHubRunsApi implements RunsApi {
    /** GitHub answers at most this many runs for a filtered query. */
    static final int RESULT_CAP = 1_000;
    private static final Duration SMALLEST_WINDOW = Duration.ofMinutes(1);
    private static final Pattern NEXT = Pattern.compile("<([^>]{1,2000})>\\s*;\\s*rel=\"next\"");

    private final ApiClient client;
    private final Duration window;
    private final Clock clock;
    private final Map<String, String> headers;

    public GitHubRunsApi(ApiClient client, Duration window, Clock clock, String token) {
        this.client = client;
        this.window = window;
        this.clock = clock;
        this.headers = token == null
                ? Map.of("Accept", "application/vnd.github+json", "X-GitHub-Api-Version", "2022-11-28")
                : Map.of("Accept", "application/vnd.github+json", "X-GitHub-Api-Version", "2022-11-28",
                        "Authorization", "Bearer " + token);
    }

    @Override
    public Duration window() {
        return window;
    }

    @Override
    public void pull(CiSource source, Instant from, Instant to, Sink sink)
            throws ApiClient.RateLimited, ApiClient.ApiFailure, InterruptedException {
        URI first = firstPage(source, from, to);
        ApiClient.Page page = client.get(first, headers);
        GitHubRunsPage runs = read(source, page);
        if (runs.totalCount() > RESULT_CAP && Duration.between(from, to).compareTo(SMALLEST_WINDOW.multipliedBy(2)) >= 0) {
            Instant middle = from.plus(Duration.between(from, to).dividedBy(2)).truncatedTo(ChronoUnit.SECONDS);
            pull(source, from, middle, sink);
            pull(source, middle, to, sink);
            return;
        }
        while (true) {
            for (var run : runs.runs()) {
                sink.run(run);
            }
            for (String reason : runs.refused()) {
                sink.refused(page.uri().getPath() + ": " + reason);
            }
            Optional<URI> next = next(page, first);
            if (next.isEmpty()) {
                return;
            }
            page = client.get(next.get(), headers);
            runs = read(source, page);
        }
    }

    private GitHubRunsPage read(CiSource source, ApiClient.Page page) throws ApiClient.ApiFailure {
        try {
            return GitHubRunsPage.read(page.body(), source.repo(), "pull:" + source.id(), clock.instant());
        } catch (BadRequest e) {
            throw new ApiClient.ApiFailure(200, page.uri().getHost() + " answered GET " + page.uri().getPath()
                    + " with something that is not a runs list: " + e.getMessage(), e);
        }
    }

    /** {@code created=A..B} is inclusive at both ends and GitHub's times are whole seconds: B is a second short of to. */
    static URI firstPage(CiSource source, Instant from, Instant to) {
        String created = from.truncatedTo(ChronoUnit.SECONDS) + ".." + to.minusSeconds(1).truncatedTo(ChronoUnit.SECONDS);
        return URI.create(base(source.apiUrl()) + "/repos/" + source.project() + "/actions/runs?per_page=100&created="
                + URLEncoder.encode(created, StandardCharsets.UTF_8));
    }

    private static String base(String apiUrl) {
        return apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
    }

    /** The next page, only on the API's own scheme, host and port: the token must never follow a link elsewhere. */
    static Optional<URI> next(ApiClient.Page page, URI first) throws ApiClient.ApiFailure {
        Optional<String> link = page.header("link");
        if (link.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = NEXT.matcher(link.get());
        if (!m.find()) {
            return Optional.empty();
        }
        URI next;
        try {
            next = URI.create(m.group(1));
        } catch (IllegalArgumentException e) {
            throw new ApiClient.ApiFailure(200, first.getHost() + " sent a next link that is not a URL", e);
        }
        if (!first.getScheme().equals(next.getScheme()) || !first.getHost().equalsIgnoreCase(String.valueOf(next.getHost()))
                || first.getPort() != next.getPort()) {
            throw new ApiClient.ApiFailure(200, first.getHost() + " sent a next link to another place ("
                    + next.getScheme() + "://" + next.getHost() + "); not followed: the token stays with its host", null);
        }
        return Optional.of(next);
    }
}
