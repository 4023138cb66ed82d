package io.decisionlog.ciaudit.pull;

import io.decisionlog.events.CiRun;
import io.decisionlog.events.CiSource;
import io.decisionlog.events.outbound.GuardProxy;
import io.decisionlog.events.outbound.OutboundPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The GitHub pull against {@link FakeGitHub}, through the real outbound guard: windows, pages, the result cap,
 * conditional requests, rate limits, 5xx and slow pages, and a restart in the middle of a backfill.
 */
class GitHubPullTest {
    private static final Duration WINDOW = Duration.ofHours(6);

    private FakeGitHub github;
    private GuardProxy guard;
    private final Clock clock = Clock.systemUTC();
    private final List<Duration> pauses = new CopyOnWriteArrayList<>();
    private final LedgerPublisher publisher = new LedgerPublisher();
    private final Map<String, CiRun> published = publisher.published();
    private final List<CiSource> saved = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        github = new FakeGitHub();
        guard = GuardProxy.start(OutboundPolicy.of(List.of("127.0.0.1"), List.of()));
    }

    @AfterEach
    void stop() throws Exception {
        github.close();
        guard.close();
    }

    @Test
    void aBackfillReadsEveryRunOnceWithOneRequestPerPage() throws Exception {
        List<FakeGitHub.Run> runs = runsOverDays(3, 300);

        PullPass.Outcome outcome = pass(source(3), api(client(Duration.ofMinutes(5))));

        assertThat(published.keySet()).hasSize(runs.size());
        assertThat(published.values()).allSatisfy(run -> {
            assertThat(run.origin()).isEqualTo(CiRun.PULL);
            assertThat(run.deliveryId()).isEqualTo("pull:gh");
            assertThat(run.repo()).isEqualTo(FakeGitHub.REPO);
            assertThat(run.actor()).isEqualTo("octocat");
        });
        assertThat(outcome.runs()).isEqualTo(runs.size());
        assertThat(outcome.source().pulledUntil()).isCloseTo(clock.instant(), within(Duration.ofMinutes(1)));
        // 3 days of 6 h windows (13 with the one the backfill starts in), 300 runs: no window needs a second page
        assertThat(github.requests()).isBetween(12, 14);
        assertThat(github.authorizations()).containsOnly("Bearer test-token");
    }

    @Test
    void aSecondPassAsksAgainOnlyConditionallyAndPublishesNothingOld() throws Exception {
        runsOverDays(2, 500);
        ApiClient client = client(Duration.ofMinutes(5));
        PullPass.Outcome first = pass(source(2), api(client));
        int afterFirst = github.requests();
        published.clear();

        PullPass.Outcome second = pass(first.source(), api(client));

        assertThat(second.published()).isZero();
        assertThat(published).isEmpty();
        // the lookback (24 h) again: 4-5 windows, each a 304
        assertThat(github.requests() - afterFirst).isBetween(4, 6);
        assertThat(github.notModified()).isEqualTo(github.requests() - afterFirst);
    }

    @Test
    void aNewerStatusOfARunIsPublishedAndAnOlderOneIsNot() throws Exception {
        Instant created = clock.instant().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        github.add(new FakeGitHub.Run(7, created, created, "in_progress", null, sha(7), "Deploy D-2024-087"));
        ApiClient client = client(Duration.ofMinutes(5));
        PullPass.Outcome first = pass(source(1), api(client));
        assertThat(published.values()).singleElement().satisfies(run -> assertThat(run.status()).isEqualTo("in_progress"));

        github.add(new FakeGitHub.Run(7, created, created.plusSeconds(60), "completed", "success", sha(7), "Deploy D-2024-087"));
        published.clear();
        PullPass.Outcome second = pass(first.source(), api(client));
        assertThat(published.values()).singleElement().satisfies(run -> {
            assertThat(run.status()).isEqualTo("completed");
            assertThat(run.conclusion()).isEqualTo("success");
        });

        // the API going back to an older state (a cache behind it) changes nothing
        github.add(new FakeGitHub.Run(7, created, created, "in_progress", null, sha(7), "Deploy D-2024-087"));
        published.clear();
        pass(second.source(), api(client));
        assertThat(published).isEmpty();
    }

    @Test
    void aWindowOverTheResultCapIsSplitUntilEveryRunIsReached() throws Exception {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant start = api(client(Duration.ofMinutes(5))).windowStart(now.minus(Duration.ofHours(30)));
        for (int i = 0; i < 2_500; i++) {
            Instant created = start.plusSeconds(i * 8L); // 2,500 runs in 5.6 h: one window, over the cap
            github.add(new FakeGitHub.Run(10_000 + i, created, created, "completed", "success", sha(i), "run " + i));
        }

        pass(new CiSource("gh", "github", FakeGitHub.REPO, github.apiUrl(), FakeGitHub.REPO, "gh",
                Duration.ofMinutes(5), Duration.ofHours(24), start, null, null, null, 0), api(client(Duration.ofMinutes(5))));

        assertThat(published).hasSize(2_500);
    }

    @Test
    void aRateLimitPausesUntilItsResetAndLosesNoPage() throws Exception {
        List<FakeGitHub.Run> runs = runsOverDays(1, 400);
        github.fault(new FakeGitHub.RateLimit(3));

        pass(source(1), api(client(Duration.ofMinutes(5))));

        assertThat(pauses).anySatisfy(pause -> assertThat(pause).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(4)));
        assertThat(published).hasSize(runs.size());
    }

    @Test
    void aRateLimitLongerThanTheWaitEndsThePassWhichTheNextPassResumes() throws Exception {
        List<FakeGitHub.Run> runs = runsOverDays(3, 600);
        github.fault(new FakeGitHub.Answer()); // the first windows answer
        github.fault(new FakeGitHub.Answer());
        github.fault(new FakeGitHub.RateLimit(3_600));
        ApiClient limited = client(Duration.ofMinutes(5));

        PullPass.Outcome stopped = pass(source(3), api(limited));

        assertThat(stopped.rateLimitedUntil()).isAfter(clock.instant().plus(Duration.ofMinutes(50)));
        assertThat(stopped.source().lastError()).contains("rate limit");
        assertThat(published.size()).isLessThan(runs.size());
        assertThat(saved).isNotEmpty();
        CiSource resumedFrom = saved.get(saved.size() - 1);
        assertThat(resumedFrom.pulledUntil()).isBefore(clock.instant().minus(Duration.ofDays(2)));

        pass(resumedFrom, api(client(Duration.ofMinutes(5))));
        assertThat(published).hasSize(runs.size());
    }

    @Test
    void serverErrorsAndASlowPageAreRetried() throws Exception {
        List<FakeGitHub.Run> runs = runsOverDays(1, 200);
        github.fault(new FakeGitHub.ServerError(502));
        github.fault(new FakeGitHub.Slow(3_000)); // over the 1 s request timeout
        github.fault(new FakeGitHub.ServerError(503));

        pass(source(1), api(client(Duration.ofMinutes(5))));

        assertThat(published).hasSize(runs.size());
        assertThat(pauses).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void aRestartInTheMiddleOfABackfillResumesAtTheFirstWindowNotRead() throws Exception {
        List<FakeGitHub.Run> runs = runsOverDays(4, 800);
        for (int i = 0; i < 6; i++) {
            github.fault(new FakeGitHub.Answer());
        }
        for (int i = 0; i <= 4; i++) { // more failures than retries: the pass fails here, as a crash would end it
            github.fault(new FakeGitHub.ServerError(500));
        }

        assertThatThrownBy(() -> pass(source(4), api(client(Duration.ofMinutes(5)))))
                .isInstanceOf(ApiClient.ApiFailure.class).hasMessageContaining("answered 500");
        CiSource persisted = saved.get(saved.size() - 1);
        int before = published.size();
        assertThat(before).isPositive().isLessThan(runs.size());
        assertThat(persisted.pulledUntil()).isNotNull();

        // a new process: a new client and the progress as the topic kept it
        int requestsBefore = github.requests();
        pass(persisted, api(client(Duration.ofMinutes(5))));
        assertThat(published).hasSize(runs.size());
        long windowsLeft = Duration.between(persisted.pulledUntil(), clock.instant()).toHours() / 6 + 1;
        assertThat(github.requests() - requestsBefore).isLessThanOrEqualTo((int) windowsLeft + 1);
    }

    @Test
    void aNextLinkToAnotherHostIsNotFollowed() throws Exception {
        runsOverDays(1, 50);
        github.fault(new FakeGitHub.NextElsewhere());

        assertThatThrownBy(() -> pass(source(1), api(client(Duration.ofMinutes(5)))))
                .isInstanceOf(ApiClient.ApiFailure.class)
                .hasMessageContaining("next link to another place").hasMessageContaining("evil.example");
    }

    @Test
    void theGuardRefusesAnApiOnThePrivateNetworkWhenNothingAllowsIt() throws Exception {
        runsOverDays(1, 10);
        try (GuardProxy strict = GuardProxy.start(OutboundPolicy.of(List.of(), List.of()))) {
            ApiClient client = new ApiClient(strict.selector(), limits(Duration.ofMinutes(5), 0), clock, pauses::add);

            assertThatThrownBy(() -> pass(source(1), api(client))).isInstanceOf(ApiClient.ApiFailure.class);
            assertThat(github.requests()).isZero();
            assertThat(strict.lastRefused()).hasValueSatisfying(refused ->
                    assertThat(refused.reason()).contains("loopback"));
        }
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    private PullPass.Outcome pass(CiSource source, RunsApi api) throws Exception {
        return PullPass.run(source, api, clock, publisher, saved::add);
    }

    private CiSource source(int backfillDays) {
        return new CiSource("gh", "github", FakeGitHub.REPO, github.apiUrl(), FakeGitHub.REPO, "gh",
                Duration.ofMinutes(5), Duration.ofHours(24), clock.instant().minus(Duration.ofDays(backfillDays)),
                null, null, null, 0);
    }

    private RunsApi api(ApiClient client) {
        return new GitHubRunsApi(client, WINDOW, clock, "test-token");
    }

    private ApiClient client(Duration maxWait) {
        return new ApiClient(guard.selector(), limits(maxWait, 4), clock, pauses::add);
    }

    private static ApiClient.Limits limits(Duration maxWait, int retries) {
        return new ApiClient.Limits(Duration.ofSeconds(1), retries, Duration.ofMillis(10), maxWait, 16 << 20);
    }

    /** {@code count} completed runs spread evenly over the last {@code days} days (inside the backfill). */
    private List<FakeGitHub.Run> runsOverDays(int days, int count) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        long span = Duration.ofDays(days).minusHours(1).toSeconds();
        List<FakeGitHub.Run> runs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant created = now.minusSeconds(60 + span * i / count);
            FakeGitHub.Run run = new FakeGitHub.Run(1_000 + i, created, created.plusSeconds(90), "completed",
                    i % 7 == 0 ? "failure" : "success", sha(i), "Deploy run " + i);
            github.add(run);
            runs.add(run);
        }
        return runs;
    }

    private static String sha(int i) {
        return HexFormat.of().formatHex(java.nio.ByteBuffer.allocate(20).putInt(i).array());
    }

    private static org.assertj.core.data.TemporalUnitOffset within(Duration duration) {
        return new org.assertj.core.data.TemporalUnitWithinOffset(duration.toSeconds(), ChronoUnit.SECONDS);
    }
}
