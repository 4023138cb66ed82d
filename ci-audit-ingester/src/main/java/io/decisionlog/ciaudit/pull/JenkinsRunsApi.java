package io.decisionlog.ciaudit.pull;

import io.decisionlog.ciaudit.ingest.JenkinsApiBuilds;
import io.decisionlog.events.CiSource;
import io.decisionlog.events.errors.BadRequest;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * A Jenkins job's builds over its JSON API: {@code allBuilds} (the plain {@code builds} stops at the newest 100),
 * only the fields needed ({@code tree=}, never {@code buildsByBranchName}, which grows with every build), newest
 * first in ranges of 100 ({@code {M,N}}) until a build is older than the window. Jenkins has no time filter, so a
 * pass is one window from its start to now. Its API token goes as Basic auth ({@code user:token}).
 */
public final class JenkinsRunsApi implements RunsApi {
    static final String TREE = "allBuilds[number,result,building,timestamp,duration,url,"
            + "actions[parameters[name,value],lastBuiltRevision[SHA1],remoteUrls]]";
    private static final int PAGE = 100;
    /** A job with more builds than this in one pass is read in several passes' worth of requests, not forever. */
    private static final int MAX_PAGES = 1_000;

    private final ApiClient client;
    private final JenkinsApiBuilds builds;
    private final Clock clock;
    private final Map<String, String> headers;

    public JenkinsRunsApi(ApiClient client, JenkinsApiBuilds builds, Clock clock, String userAndToken) {
        this.client = client;
        this.builds = builds;
        this.clock = clock;
        this.headers = userAndToken == null ? Map.of("Accept", "application/json") : Map.of("Accept", "application/json",
                "Authorization", "Basic " + Base64.getEncoder().encodeToString(userAndToken.getBytes(StandardCharsets.UTF_8)));
    }

    /** One window for the whole pass: without a time filter, windows would read the newest builds again each. */
    @Override
    public Duration window() {
        return Duration.ofDays(36_500);
    }

    @Override
    public Instant windowStart(Instant start) {
        return start;
    }

    @Override
    public void pull(CiSource source, Instant from, Instant to, Sink sink)
            throws ApiClient.RateLimited, ApiClient.ApiFailure, InterruptedException {
        String job = jobName(source.apiUrl());
        for (int page = 0; page < MAX_PAGES; page++) {
            URI uri = URI.create(source.apiUrl() + "/api/json?tree=" + URLEncoder.encode(TREE + "{" + page * PAGE + ","
                    + (page + 1) * PAGE + "}", StandardCharsets.UTF_8));
            ApiClient.Page answer = client.get(uri, headers);
            JenkinsApiBuilds.Page read;
            try {
                read = builds.read(answer.body(), job, source.repo(), "pull:" + source.id(), clock.instant());
            } catch (BadRequest e) {
                throw new ApiClient.ApiFailure(200, uri.getHost() + " answered " + uri.getPath()
                        + " with something that is not a job's builds: " + e.getMessage(), e);
            }
            boolean older = false;
            for (JenkinsApiBuilds.Build build : read.builds()) {
                if (build.scheduledAt().isBefore(from)) {
                    older = true;
                } else if (build.scheduledAt().isBefore(to)) {
                    sink.run(build.run());
                }
            }
            for (String reason : read.refused()) {
                sink.refused(uri.getPath() + ": " + reason);
            }
            int count = read.builds().size() + read.withoutCommit() + read.refused().size();
            if (older || count < PAGE) {
                return;
            }
        }
    }

    /** The job's name: the last {@code /job/<name>} of its URL. */
    static String jobName(String jobUrl) {
        String path = URI.create(jobUrl).getPath();
        int at = path.lastIndexOf("/job/");
        String name = at < 0 ? path : path.substring(at + 5);
        name = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        return java.net.URLDecoder.decode(name, StandardCharsets.UTF_8);
    }
}
