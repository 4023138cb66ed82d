package io.decisionlog.ciaudit.pull;

import io.decisionlog.ciaudit.ingest.JenkinsApiBuilds;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Jenkins pull against {@link FakeJenkins}, through the real outbound guard. */
class JenkinsPullTest {
    private FakeJenkins jenkins;
    private GuardProxy guard;
    private final Clock clock = Clock.systemUTC();
    private final LedgerPublisher publisher = new LedgerPublisher();
    private final Map<String, CiRun> published = publisher.published();
    private ApiClient client;

    @BeforeEach
    void start() throws Exception {
        jenkins = new FakeJenkins();
        guard = GuardProxy.start(OutboundPolicy.of(List.of("127.0.0.1"), List.of()));
        client = new ApiClient(guard.selector(), new ApiClient.Limits(Duration.ofSeconds(2), 3, Duration.ofMillis(10),
                Duration.ofMinutes(5), 16 << 20), clock, pause -> { });
    }

    @AfterEach
    void stop() throws Exception {
        jenkins.close();
        guard.close();
    }

    @Test
    void theBackfillReadsNewestFirstAndStopsAtTheFirstBuildOlderThanIt() throws Exception {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        for (int n = 1; n <= 600; n++) { // one build an hour: 25 days, of which the last 3 are backfilled
            Instant scheduled = now.minus(Duration.ofHours(601 - n));
            jenkins.add(new FakeJenkins.Build(n, scheduled, n % 50 == 0 ? "UNSTABLE" : "SUCCESS", sha(n),
                    n == 590 ? Map.of() : Map.of("DECISION_ID", "D-2025-" + (100 + n % 7), "DECISION_REASON", "rollout")));
        }
        jenkins.add(new FakeJenkins.Build(601, now.minusSeconds(30), null, null, Map.of("DECISION_ID", "D-2025-101")));

        PullPass.Outcome first = pass(source());

        assertThat(published).hasSize(71); // builds 530..600 came after the backfill's start; 601 has no commit yet
        CiRun run = published.get("jenkins:acme/config-repo:599:1");
        assertThat(run.decisionIds()).containsExactly("D-2025-" + (100 + 599 % 7));
        assertThat(run.reason()).isEqualTo("rollout");
        assertThat(run.conclusion()).isEqualTo("success");
        assertThat(run.workflow()).isEqualTo("deploy-config");
        assertThat(run.origin()).isEqualTo(CiRun.PULL);
        assertThat(published.get("jenkins:acme/config-repo:550:1").conclusion()).isEqualTo("failure"); // UNSTABLE
        assertThat(published.get("jenkins:acme/config-repo:590:1").decisionIds()).isEmpty();
        assertThat(jenkins.ranges()).containsExactly("{0,100}"); // the older builds were never asked for
        assertThat(first.source().pulledUntil()).isAfterOrEqualTo(now);
    }

    @Test
    void aBuildPastItsCheckoutArrivesOnTheNextPassAndFinishedOnesAreNotPublishedAgain() throws Exception {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        for (int n = 1; n <= 250; n++) {
            jenkins.add(new FakeJenkins.Build(n, now.minus(Duration.ofMinutes(260 - n)), "SUCCESS", sha(n), Map.of()));
        }
        jenkins.add(new FakeJenkins.Build(251, now.minusSeconds(60), null, null, Map.of("DECISION_ID", "D-2025-101")));
        PullPass.Outcome first = pass(source());
        assertThat(published).hasSize(250);
        assertThat(jenkins.ranges()).containsExactly("{0,100}", "{100,200}", "{200,300}");

        published.clear();
        jenkins.add(new FakeJenkins.Build(251, now.minusSeconds(60), "FAILURE", sha(251), Map.of("DECISION_ID", "D-2025-101")));
        pass(first.source());

        assertThat(published.keySet()).containsExactly("jenkins:acme/config-repo:251:1");
        assertThat(published.get("jenkins:acme/config-repo:251:1").conclusion()).isEqualTo("failure");
        assertThat(published.get("jenkins:acme/config-repo:251:1").decisionIds()).containsExactly("D-2025-101");
    }

    @Test
    void aRefusedTokenEndsThePassSayingWhereWithoutTheToken() {
        assertThatThrownBy(() -> pass(source(), "ci:wrong-token"))
                .isInstanceOf(ApiClient.ApiFailure.class)
                .hasMessageContaining("401")
                .hasMessageContaining("/job/deploy-config/api/json")
                .hasMessageNotContaining("wrong-token");
    }

    private CiSource source() {
        return new CiSource("jk", "jenkins", "acme/config-repo", jenkins.jobUrl(), "/job/deploy-config", "jk",
                Duration.ofMinutes(5), Duration.ofHours(24), clock.instant().minus(Duration.ofDays(3)),
                null, null, null, 0);
    }

    private PullPass.Outcome pass(CiSource source) throws Exception {
        return pass(source, "ci:jenkins-token");
    }

    private PullPass.Outcome pass(CiSource source, String userAndToken) throws Exception {
        RunsApi api = new JenkinsRunsApi(client, new JenkinsApiBuilds(new DecisionIds("[A-Z][A-Z0-9]*-\\d{4}-\\d{3,}")),
                clock, userAndToken);
        return PullPass.run(source, api, clock, publisher, saved -> { });
    }

    private static String sha(int i) {
        return HexFormat.of().formatHex(java.nio.ByteBuffer.allocate(20).putInt(i).array());
    }
}
