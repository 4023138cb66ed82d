package io.decisionlog.ciaudit.pull;

import io.decisionlog.ciaudit.ingest.GitLabApiPipelines;
import io.decisionlog.events.CiRun;
import io.decisionlog.events.CiSource;
import io.decisionlog.events.DecisionIds;
import io.decisionlog.events.outbound.GuardProxy;
import io.decisionlog.events.outbound.OutboundPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The GitLab pull against {@link FakeGitLab}, through the real outbound guard. */
class GitLabPullTest {
    private FakeGitLab gitlab;
    private GuardProxy guard;
    private final Clock clock = Clock.systemUTC();
    private final LedgerPublisher publisher = new LedgerPublisher();
    private final Map<String, CiRun> published = publisher.published();
    private final List<Duration> pauses = new CopyOnWriteArrayList<>();
    private ApiClient client;

    @BeforeEach
    void start() throws Exception {
        gitlab = new FakeGitLab();
        guard = GuardProxy.start(OutboundPolicy.of(List.of("127.0.0.1"), List.of()));
        client = new ApiClient(guard.selector(), new ApiClient.Limits(Duration.ofSeconds(2), 3, Duration.ofMillis(10),
                Duration.ofMinutes(5), 16 << 20), clock, pauses::add);
    }

    @AfterEach
    void stop() throws Exception {
        gitlab.close();
        guard.close();
    }

    @Test
    void pipelinesArriveWithTheirDecisionAndOnlyNewsCostsTheDetailCalls() throws Exception {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < 250; i++) {
            Instant updated = now.minus(Duration.ofHours(40)).plusSeconds(i * 500L);
            gitlab.add(new FakeGitLab.Pipeline(5_000 + i, updated.minusSeconds(60), updated, "success", sha(i), "ada",
                    i == 7 ? null : Map.of("DECISION_ID", "D-2025-00" + (i % 10), "DECISION_REASON", "gray release")));
        }
        gitlab.tooManyRequests(1);
        CiSource source = source();

        PullPass.Outcome first = pass(source);

        assertThat(published).hasSize(250);
        CiRun run = published.get("gitlab:acme/payments:5003:1");
        assertThat(run.decisionIds()).containsExactly("D-2025-003");
        assertThat(run.reason()).isEqualTo("gray release");
        assertThat(run.actor()).isEqualTo("ada");
        assertThat(run.status()).isEqualTo("completed");
        assertThat(run.conclusion()).isEqualTo("success");
        assertThat(run.origin()).isEqualTo(CiRun.PULL);
        assertThat(published.get("gitlab:acme/payments:5007:1").decisionIds()).isEmpty(); // variables refused: 403
        assertThat(gitlab.project()).isEqualTo("acme/payments");
        assertThat(pauses).anySatisfy(pause -> // the 429's Retry-After: 1
                assertThat(pause).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1)));

        int before = gitlab.requests();
        published.clear();
        pass(first.source());
        assertThat(published).isEmpty();
        assertThat(gitlab.requests() - before).isLessThanOrEqualTo(2); // the list only: nothing was news
    }

    @Test
    void aPipelineThatMovesOnIsPublishedAgainAndAnOlderStateIsNot() throws Exception {
        // within the 15-minute lookback: the second pass reads from 15 minutes ago (aligned down to its window)
        Instant t = clock.instant().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS);
        gitlab.add(new FakeGitLab.Pipeline(9, t, t, "running", sha(9), "ada", Map.of()));
        PullPass.Outcome first = pass(source());
        assertThat(published.get("gitlab:acme/payments:9:1").status()).isEqualTo("in_progress");

        gitlab.add(new FakeGitLab.Pipeline(9, t, t.plusSeconds(120), "failed", sha(9), "ada", Map.of()));
        pass(first.source());
        assertThat(published.get("gitlab:acme/payments:9:1").conclusion()).isEqualTo("failure");
    }

    private CiSource source() {
        return new CiSource("gl", "gitlab", "acme/payments", gitlab.apiUrl(), "acme/payments", "gl",
                Duration.ofMinutes(5), Duration.ofMinutes(15), clock.instant().minus(Duration.ofDays(3)),
                null, null, null, 0);
    }

    private PullPass.Outcome pass(CiSource source) throws Exception {
        RunsApi api = new GitLabRunsApi(client, new GitLabApiPipelines(new DecisionIds("[A-Z][A-Z0-9]*-\\d{4}-\\d{3,}")),
                Duration.ofHours(6), clock, "glpat-test");
        return PullPass.run(source, api, clock, publisher, saved -> { });
    }

    private static String sha(int i) {
        return HexFormat.of().formatHex(java.nio.ByteBuffer.allocate(20).putInt(i).array());
    }
}
