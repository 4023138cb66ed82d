package io.decisionlog.ciaudit.pull;

import io.decisionlog.events.CiRun;
import io.decisionlog.events.CiSource;

import java.time.Duration;
import java.time.Instant;

/** One CI system's runs API: reads the runs of one time window and hands each to the sink. */
public sealed interface RunsApi permits GitHubRunsApi, GitLabRunsApi, JenkinsRunsApi {

    /** Where the runs go (the publisher, behind the ledger's ordering rule) and what could not be read. */
    interface Sink {
        void run(CiRun run) throws InterruptedException;

        /** Whether the run in this state is newer than what is published: an API may skip asking for more then. */
        boolean isNews(CiRun run);

        void refused(String what);
    }

    /** The window size the pass starts from; an API may split a window further (GitHub's 1,000-result cap). */
    Duration window();

    /**
     * Where the pass's first window starts, for a pass that must read from {@code start}: a multiple of the window
     * size by default, so that a window asks the same URL pass after pass.
     */
    default Instant windowStart(Instant start) {
        long size = window().toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(start.getEpochSecond(), size) * size);
    }

    /** Reads every run of {@code source} created in {@code [from, to)}. */
    void pull(CiSource source, Instant from, Instant to, Sink sink)
            throws ApiClient.RateLimited, ApiClient.ApiFailure, InterruptedException;
}
