package io.decisionlog.ciaudit.pull;

import io.decisionlog.ciaudit.ingest.GitLabApiPipelines;
import io.decisionlog.events.CiRun;
import io.decisionlog.events.CiSource;
import io.decisionlog.events.errors.BadRequest;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * GitLab's {@code GET {api}/projects/:id/pipelines}: pipelines updated in the window ({@code updated_after},
 * {@code updated_before}; GitLab has the filter GitHub lacks, so no lookback is needed beyond clock skew), oldest
 * update first, offset pages of 100 followed by {@code x-next-page} (GitLab stops sending totals above 10,000). A
 * pipeline that is news (status or updated_at past what is published) costs two more calls: the pipeline (user,
 * start, finish) and its variables ({@code DECISION_ID}, {@code DECISION_REASON}; a token that may not read them
 * gets a 403, and the run goes on without a decision).
 */
public final class GitLabRunsApi implements RunsApi {
    private final ApiClient client;
    private final GitLabApiPipelines pipelines;
    private final Duration window;
    private final Clock clock;
    private final Map<String, String> headers;

    public GitLabRunsApi(ApiClient client, GitLabApiPipelines pipelines, Duration window, Clock clock, String token) {
        this.client = client;
        this.pipelines = pipelines;
        this.window = window;
        this.clock = clock;
        this.headers = token == null ? Map.of("Accept", "application/json")
                : Map.of("Accept", "application/json", "PRIVATE-TOKEN", token);
    }

    @Override
    public Duration window() {
        return window;
    }

    @Override
    public void pull(CiSource source, Instant from, Instant to, Sink sink)
            throws ApiClient.RateLimited, ApiClient.ApiFailure, InterruptedException {
        String project = base(source) + "/projects/" + URLEncoder.encode(source.project(), StandardCharsets.UTF_8);
        String query = "/pipelines?order_by=updated_at&sort=asc&per_page=100&updated_after="
                + URLEncoder.encode(from.minusSeconds(1).toString(), StandardCharsets.UTF_8)
                + "&updated_before=" + URLEncoder.encode(to.toString(), StandardCharsets.UTF_8);
        for (int page = 1; page > 0; ) {
            ApiClient.Page answer = client.get(URI.create(project + query + "&page=" + page), headers);
            GitLabApiPipelines.Listed listed = read(answer, () -> pipelines.list(answer.body(), source.repo(),
                    "pull:" + source.id(), clock.instant()));
            for (CiRun listedRun : listed.runs()) {
                if (!sink.isNews(listedRun)) {
                    continue;
                }
                try {
                    sink.run(full(source, project, listedRun));
                } catch (ApiClient.ApiFailure unreadable) {
                    if (unreadable.status() != 200) {
                        throw unreadable;
                    }
                    sink.refused(unreadable.getMessage());
                }
            }
            for (String reason : listed.refused()) {
                sink.refused(answer.uri().getPath() + ": " + reason);
            }
            page = nextPage(answer);
        }
    }

    private CiRun full(CiSource source, String project, CiRun listed)
            throws ApiClient.RateLimited, ApiClient.ApiFailure, InterruptedException {
        ApiClient.Page pipeline = client.get(URI.create(project + "/pipelines/" + listed.runId()), headers);
        byte[] variables;
        try {
            variables = client.get(URI.create(project + "/pipelines/" + listed.runId() + "/variables"), headers).body();
        } catch (ApiClient.ApiFailure e) {
            if (e.status() != 403 && e.status() != 404) {
                throw e;
            }
            variables = null;
        }
        byte[] vars = variables;
        return read(pipeline, () -> pipelines.pipeline(pipeline.body(), vars, source.repo(), "pull:" + source.id(),
                clock.instant()));
    }

    /** {@code x-next-page} is empty on the last page; 0 ends the loop. */
    private static int nextPage(ApiClient.Page page) {
        Optional<String> next = page.header("x-next-page").filter(value -> !value.isBlank());
        try {
            return next.map(Integer::parseInt).filter(n -> n > 0 && n < 100_000).orElse(0);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String base(CiSource source) {
        String api = source.apiUrl();
        return api.endsWith("/") ? api.substring(0, api.length() - 1) : api;
    }

    private interface Reading<T> {
        T read();
    }

    private static <T> T read(ApiClient.Page page, Reading<T> reading) throws ApiClient.ApiFailure {
        try {
            return reading.read();
        } catch (BadRequest e) {
            throw new ApiClient.ApiFailure(200, page.uri().getHost() + " answered GET " + page.uri().getPath()
                    + " with something unreadable: " + e.getMessage(), e);
        }
    }
}
