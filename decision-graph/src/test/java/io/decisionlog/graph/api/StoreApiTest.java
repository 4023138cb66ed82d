package io.decisionlog.graph.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.decisionlog.deploy.local.LocalRuntimeResource;
import io.decisionlog.deploy.local.RuntimeTest;
import io.decisionlog.deploy.local.Wait;
import io.decisionlog.events.DecisionChain;
import io.decisionlog.events.Json;
import io.decisionlog.events.Topics;
import io.decisionlog.events.errors.Busy;
import io.decisionlog.graph.store.BlameRangeRow;
import io.decisionlog.graph.store.ChainRow;
import io.decisionlog.graph.store.LineAt;
import io.decisionlog.graph.store.StoreQueries;
import io.decisionlog.graph.store.StoreWriter;
import io.decisionlog.graph.store.TraceNotices;
import io.decisionlog.graph.store.TraceParts;
import io.decisionlog.graph.store.UnlinkedRunsGauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static io.decisionlog.deploy.local.AsAdmin.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * decision-graph end to end inside one service: records on the input topics go through the real topology on the
 * real broker, the projection writes them into the real PostgreSQL, and every endpoint answers from there.
 */
@QuarkusTest
@QuarkusTestResource(LocalRuntimeResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@RuntimeTest
class StoreApiTest {
    /** What the store projection reads; the commits and CI runs reach it only through the chains. */
    private static final List<String> PROJECTED_TOPICS =
            List.of(Topics.BLAME.name(), Topics.CHAINS.name(), Topics.MINUTES.name());

    private final TeamFixture team = new TeamFixture();
    private boolean published;

    @Inject
    StoreQueries queries;
    @Inject
    Chains chains;
    @Inject
    ObjectMapper answers;
    @Inject
    StoreWriter writer;
    @Inject
    UnlinkedRunsGauge unlinkedRuns;
    @Inject
    MeterRegistry registry;
    @Inject
    AgroalDataSource dataSource;

    // not @BeforeAll: RestAssured learns the test port only before each test
    @BeforeEach
    void publishTheTeamOnce() {
        if (!published) {
            Map<TopicPartition, Long> sent;
            try (TopicFeed feed = new TopicFeed()) {
                team.publish(feed);
                sent = feed.nextOffsets(PROJECTED_TOPICS);
            }
            // every blame file and minutes record in the store (config/empty.yaml too), and the chains the topology
            // makes of the commits and the run
            Wait.until("the team's blame and minutes in the store, and both commits' chains", Duration.ofSeconds(90),
                    () -> storePassed(sent) && traced());
            published = true;
        }
    }

    private boolean traced() {
        Response a = trace(2);
        Response b = trace(4);
        return a.statusCode() == 200 && a.path("decisions.size()").equals(1) && a.path("decisions[0].minutes") != null
                && b.statusCode() == 200 && b.path("decisions.size()").equals(1) && b.path("decisions[0].minutes") != null;
    }

    private Response trace(int line) {
        return given().queryParam("repo", team.repo).queryParam("path", "config/app.yaml").queryParam("line", line)
                .get("/api/v1/trace");
    }

    @Test
    void shouldTraceALineToItsCommitDecisionAndMinutes() {
        trace(2).then().statusCode(200)
                .body("text", is("  retries: 5"))
                .body("rev", is(team.shaC))
                .body("blame.sha", is(team.shaA))
                .body("blame.orig_line", is(2))
                .body("blame.subject", is("Raise callback retries"))
                .body("blame.author.name", is("Li Wei"))
                .body("blame.author.email", nullValue())
                .body("decisions[0].decision_id", is(team.decisionA))
                .body("decisions[0].via", contains("trailer"))
                .body("decisions[0].minutes.title", is("Gray-release the downgrade switch"))
                .body("decisions[0].minutes.meeting.path", is("minutes/" + team.decisionA + ".yaml"))
                .body("complete", is(false))
                .body("missing", contains("no CI run for this commit"));
    }

    @Test
    void shouldTraceALineThroughTheCiRunThatNamesTheDecision() {
        trace(5).then().statusCode(200)
                .body("text", is("  share: 5%"))
                .body("blame.sha", is(team.shaB))
                .body("blame.orig_path", is("config/old.yaml"))
                .body("blame.orig_line", is(11))
                .body("ci_runs[0].run_id", is("9001"))
                .body("ci_runs[0].conclusion", is("success"))
                .body("decisions[0].decision_id", is(team.decisionB))
                .body("decisions[0].via", contains("ci_title"))
                .body("complete", is(true))
                .body("missing.size()", is(0));
    }

    @Test
    void shouldAnswerEveryLineByteForByteAsTheRestLayerWritesItsTraceView() throws Exception {
        for (int line = 1; line <= team.text.size(); line++) {
            LineAt at = queries.lineAt(team.repo, "config/app.yaml", line, true).orElseThrow();
            // line 6's commit has no chain; every other answer is copied from the stored trace parts
            assertThat(at.chain() == null ? line == 6 : at.chain().parts() != null).as("line %d", line).isTrue();
            String written = answers.writeValueAsString(TraceView.of(team.repo, "config/app.yaml", line, at, chains.of(at)));
            assertThat(trace(line).asString()).as("line %d", line).isEqualTo(written);
        }
    }

    @Test
    void shouldRenderTracePartsWithEmailsAsTheTraceViewShowsThem() throws Exception {
        LineAt at = queries.lineAt(team.repo, "config/app.yaml", 2, true).orElseThrow();
        DecisionChain full = Json.MAPPER.readValue(at.chain().body(), DecisionChain.class);
        assertThat(TraceJson.of(answers, team.repo, "config/app.yaml", 2, at, TraceParts.of(full, answers)))
                .isEqualTo(answers.writeValueAsString(TraceView.of(team.repo, "config/app.yaml", 2, at, full)))
                .contains("\"email\":\"li.wei@acme.example\"");
    }

    @Test
    void shouldTraceChainsProjectedBeforeTheirTracePartsWereStored() {
        List<String> before = List.of(trace(2).asString(), trace(4).asString());
        List<?> stored = QuarkusTransaction.requiringNew().call(() -> ChainRow.getEntityManager()
                .createNativeQuery("SELECT sha, trace_commit, trace_links FROM chain WHERE repo = ?1")
                .setParameter(1, team.repo).getResultList());
        setTraceParts(team.shaA, null, null);
        setTraceParts(team.shaB, null, null);
        // written behind the projection's back: say so as the projection would, or memory answers from the old parts
        announceEverythingStale();
        try {
            assertThat(List.of(trace(2).asString(), trace(4).asString())).isEqualTo(before);
        } finally {
            // the other tests answer from the stored parts again
            stored.stream().map(row -> (Object[]) row).forEach(row -> setTraceParts(row[0], row[1], row[2]));
            announceEverythingStale();
        }
    }

    private void announceEverythingStale() {
        QuarkusTransaction.requiringNew().run(() -> ChainRow.getEntityManager()
                .createNativeQuery("SELECT pg_notify(?1, ?2)").setParameter(1, TraceNotices.CHANNEL)
                .setParameter(2, TraceNotices.EVERYTHING).getResultList());
    }

    @Test
    void shouldAnswerTracesFromMemoryAndForgetWhatTheStoreReplaces() {
        // a repository of its own: the other tests count this team's rows
        TeamFixture other = new TeamFixture();
        try (TopicFeed feed = new TopicFeed()) {
            feed.send(Topics.BLAME, other.memoryFile(other.shaL, "a: 1").key(), other.memoryFile(other.shaL, "a: 1"));
        }
        Wait.until("the new file traced, its commit not known yet", Duration.ofSeconds(60), () -> {
            Response r = memoryTrace(other);
            return r.statusCode() == 200 && "a: 1".equals(r.path("text")) && Boolean.FALSE.equals(r.path("complete"));
        });
        // a notice from another test's writes (a rebuild finishing, say) empties memory; the next pair is from it again
        Wait.until("the file and its chain, twice, from memory", Duration.ofSeconds(30), () -> {
            double hits = memoryHits();
            memoryTrace(other).then().statusCode(200).body("blame.sha", is(other.shaL));
            memoryTrace(other).then().statusCode(200).body("blame.sha", is(other.shaL));
            return memoryHits() - hits >= 4;
        });

        // what memory holds gives way: first a chain where there was none, then another blame of the file
        try (TopicFeed feed = new TopicFeed()) {
            feed.send(Topics.COMMITS, other.lateCommit().key(), other.lateCommit());
        }
        Wait.until("the late commit's chain in the trace", Duration.ofSeconds(60),
                () -> "Add the memory switch".equals(memoryTrace(other).path("blame.subject")));
        try (TopicFeed feed = new TopicFeed()) {
            feed.send(Topics.BLAME, other.memoryFile(other.shaL, "a: 2").key(), other.memoryFile(other.shaL, "a: 2"));
        }
        Wait.until("the file's new text in the trace", Duration.ofSeconds(60), () -> "a: 2".equals(memoryTrace(other).path("text")));
        memoryTrace(other).then().body("blame.subject", is("Add the memory switch")).body("blame.orig_line", is(1))
                .body("rev", is(other.shaL));
    }

    private Response memoryTrace(TeamFixture fixture) {
        return given().queryParam("repo", fixture.repo).queryParam("path", "config/memory.yaml").queryParam("line", 1)
                .get("/api/v1/trace");
    }

    private double memoryHits() {
        return registry.get("cache.gets").tag("cache", "trace_memory").tag("result", "hit").functionCounter().count();
    }

    private void setTraceParts(Object sha, Object commit, Object links) {
        QuarkusTransaction.requiringNew().run(() -> ChainRow.getEntityManager()
                .createNativeQuery("UPDATE chain SET trace_commit = ?3, trace_links = ?4 WHERE repo = ?1 AND sha = ?2")
                .setParameter(1, team.repo).setParameter(2, sha).setParameter(3, commit).setParameter(4, links)
                .executeUpdate());
    }

    @Test
    void shouldSayWhenTheLinesCommitIsNotKnownYet() {
        trace(6).then().statusCode(200)
                .body("blame.sha", is(team.shaC))
                .body("complete", is(false))
                .body("missing[0]", containsString("commit " + team.shaC + " is not known to decision-graph yet"));
    }

    @Test
    void shouldDrawTheChainAsMermaid() {
        given().queryParam("repo", team.repo).queryParam("path", "config/app.yaml").queryParam("line", 4)
                .queryParam("format", "mermaid").get("/api/v1/trace").then().statusCode(200)
                .contentType(containsString("text/plain"))
                .body(startsWith("flowchart LR\n"))
                .body(containsString("commit -- \"ci_title\" --> decision0"))
                .body(containsString(team.decisionB));
    }

    @Test
    void shouldRefuseBadTraceRequestsWithMessagesThatSayWhatIsWrong() {
        given().queryParam("repo", "acme/nobody").queryParam("path", "a").queryParam("line", 1).get("/api/v1/trace")
                .then().statusCode(404).body("message", containsString("repository acme/nobody is unknown"));
        given().queryParam("repo", team.repo).queryParam("path", "nope.yaml").queryParam("line", 1).get("/api/v1/trace")
                .then().statusCode(404).body("message", containsString("no file nope.yaml in " + team.repo));
        trace(7).then().statusCode(400).body("message", is("line 7 is out of range: config/app.yaml has 6 lines at "
                + team.shaC.substring(0, 7)));
        given().queryParam("repo", team.repo).queryParam("path", "config/empty.yaml").queryParam("line", 1)
                .get("/api/v1/trace").then().statusCode(400).body("message", containsString("has 0 lines"));
        given().queryParam("repo", team.repo).queryParam("path", "config/app.yaml").queryParam("line", "two")
                .get("/api/v1/trace").then().statusCode(400).body("message", is("line must be a whole number from 1 up, not 'two'"));
        given().queryParam("repo", team.repo).queryParam("path", "config/app.yaml").queryParam("line", 0)
                .get("/api/v1/trace").then().statusCode(400);
        given().queryParam("path", "config/app.yaml").queryParam("line", 1).get("/api/v1/trace")
                .then().statusCode(400).body("message", is("query parameter 'repo' is required"));
    }

    @Test
    void shouldSayWhichLinesAnIgnoredRevisionKeptBecauseTheyMatchNothingInItsParent() {
        String repo = team.repo;
        Map<TopicPartition, Long> sent;
        try (TopicFeed feed = new TopicFeed()) {
            feed.send(Topics.BLAME, repo + ":reformatted.yaml", new io.decisionlog.events.BlameFile(repo,
                    "reformatted.yaml", team.shaC, 2, List.of(
                            new io.decisionlog.events.BlameRange(1, 1, team.shaA, "reformatted.yaml", 1),
                            new io.decisionlog.events.BlameRange(2, 1, team.shaB, "reformatted.yaml", 2, true)),
                    List.of("timeout:   30s", "added: by the reformat")));
            sent = feed.nextOffsets(PROJECTED_TOPICS);
        }
        Wait.until("the store to pass reformatted.yaml", Duration.ofSeconds(30), () -> storePassed(sent));

        given().queryParam("repo", repo).queryParam("path", "reformatted.yaml").get("/api/v1/files").then()
                .statusCode(200)
                .body("ranges[0].ignored_rev", is(nullValue()))
                .body("ranges[1].ignored_rev", is(true));
        given().queryParam("repo", repo).queryParam("path", "reformatted.yaml").queryParam("line", 2)
                .get("/api/v1/trace").then().statusCode(200)
                .body("blame.sha", is(team.shaB)).body("blame.ignored_rev", is(true));
        given().queryParam("repo", repo).queryParam("path", "reformatted.yaml").queryParam("line", 1)
                .get("/api/v1/trace").then().statusCode(200).body("blame", not(hasKey("ignored_rev")));
    }

    @Test
    void shouldWalkARepositorysCommitsByDateFilteredAndPagedWithACursor() {
        List<String> all = given().queryParam("repo", team.repo).queryParam("since", "2025-01-01")
                .queryParam("until", "2025-12-31").get("/api/v1/commits").then().statusCode(200)
                .extract().jsonPath().getList("items.sha", String.class);
        assertThat(all).contains(team.shaA, team.shaB);

        given().queryParam("repo", team.repo).queryParam("since", "2025-01-01").queryParam("until", "2025-12-31")
                .queryParam("signed", "verified").get("/api/v1/commits").then().statusCode(200)
                .body("items.sha", contains(team.shaB))
                .body("items[0].signature.status", is("verified"))
                .body("items[0].digest", is(given().get("/api/v1/commits/" + team.repo + "/" + team.shaB)
                        .jsonPath().getString("digest")));

        List<String> walked = new java.util.ArrayList<>();
        String cursor = null;
        do {
            var page = given().queryParam("repo", team.repo).queryParam("since", "2025-01-01")
                    .queryParam("until", "2025-12-31").queryParam("limit", "1")
                    .queryParam("cursor", cursor == null ? "" : cursor).get("/api/v1/commits").then().statusCode(200)
                    .extract().jsonPath();
            walked.addAll(page.getList("items.sha", String.class));
            cursor = page.getString("next_cursor");
        } while (cursor != null && walked.size() < 10);
        assertThat(walked).isEqualTo(all);

        given().queryParam("repo", team.repo).queryParam("cursor", "not-a-cursor").get("/api/v1/commits").then()
                .statusCode(400).body("field", is("cursor"));
        given().queryParam("repo", team.repo).queryParam("signed", "maybe").get("/api/v1/commits").then()
                .statusCode(400).body("field", is("signed"));
    }

    @Test
    void shouldAnswerTheGateWithEachDecisionsVerdict() {
        String unknown = "D-1999-999";
        given().contentType("application/json")
                .body(Map.of("repo", team.repo, "decision_ids", List.of(team.decisionA, team.decisionB, unknown)))
                .post("/api/v1/gate").then().statusCode(200)
                .body("statuses", contains("accepted"))
                .body("decisions.decision_id", contains(team.decisionA, team.decisionB, unknown))
                .body("decisions.counts", contains(true, false, false))
                .body("decisions[0].status", is("accepted"))
                .body("decisions[1].reason", startsWith(team.decisionB + " is proposed (counts: accepted)"))
                .body("decisions[2].reason", is(unknown + " is not known: no minutes define it"));
        given().contentType("application/json")
                .body(Map.of("repo", team.repo, "decision_ids", List.of(team.decisionB), "statuses", List.of("accepted", "Proposed")))
                .post("/api/v1/gate").then().statusCode(200).body("decisions[0].counts", is(true));
        given().contentType("application/json").body(Map.of("repo", team.repo, "decision_ids", List.of("rm -rf /")))
                .post("/api/v1/gate").then().statusCode(400).body("field", is("decision_ids"));
        given().contentType("application/json").body(Map.of("repo", "acme/nobody", "decision_ids", List.of()))
                .post("/api/v1/gate").then().statusCode(404);
    }

    @Test
    void shouldAnnotateEveryRangeOfAFileWithItsDecisions() {
        given().queryParam("repo", team.repo).queryParam("path", "config/app.yaml").get("/api/v1/files").then()
                .statusCode(200)
                .body("lines", is(6))
                .body("ranges.start", contains(1, 4, 6))
                .body("ranges.sha", contains(team.shaA, team.shaB, team.shaC))
                .body("ranges[0].decisions", contains(team.decisionA))
                .body("ranges[1].decisions", contains(team.decisionB))
                .body("ranges[2].decisions.size()", is(0))
                .body("ranges[1].text", contains("  downgrade: true", "  share: 5%"));
    }

    @Test
    void shouldAnswerACommitByRawOrEncodedRepoAndByUniquePrefix() {
        given().get("/api/v1/commits/" + team.repo + "/" + team.shaB).then().statusCode(200)
                .body("commit.sha", is(team.shaB)).body("decisions[0].decision_id", is(team.decisionB));
        given().urlEncodingEnabled(false).get("/api/v1/commits/" + team.repo.replace("/", "%2F") + "/" + team.shaB)
                .then().statusCode(200).body("commit.sha", is(team.shaB));
        given().get("/api/v1/commits/" + team.repo + "/" + team.shaA.substring(0, 12)).then().statusCode(200)
                .body("commit.sha", is(team.shaA));
        given().get("/api/v1/commits/" + team.repo + "/xyz").then().statusCode(400)
                .body("message", containsString("is not a commit sha"));
        given().get("/api/v1/commits/" + team.repo + "/" + "0".repeat(40)).then().statusCode(404);
    }

    @Test
    void shouldShowADecisionWithItsCommitsRunsAndOwnedLines() {
        given().get("/api/v1/decisions/" + team.decisionB).then().statusCode(200)
                .body("minutes.owner", is("zhang.san"))
                .body("commits.sha", contains(team.shaB))
                .body("commits[0].via", contains("ci_title"))
                .body("commits[0].ci_runs[0].run_id", is("9001"))
                .body("lines_owned", is(2))
                .body("files[0].path", is("config/app.yaml"));
        given().get("/api/v1/decisions/not-an-id").then().statusCode(400).body("message", containsString("not a decision id"));
        given().get("/api/v1/decisions/D-1999-999").then().statusCode(404);
    }

    @Test
    void shouldSearchDecisionsAndPageWithACursor() {
        given().queryParam("q", "GRAY-release").queryParam("owner", "li.wei").get("/api/v1/decisions").then()
                .statusCode(200).body("items.decision_id", org.hamcrest.Matchers.hasItem(team.decisionA));
        given().queryParam("q", team.year).queryParam("status", "proposed").get("/api/v1/decisions").then()
                .statusCode(200).body("items.decision_id", contains(team.decisionB));

        Response first = given().queryParam("q", "d-" + team.year).queryParam("limit", 1).get("/api/v1/decisions");
        first.then().statusCode(200).body("items.decision_id", contains(team.decisionA));
        given().queryParam("q", "d-" + team.year).queryParam("limit", 1).queryParam("cursor", first.path("next_cursor").toString())
                .get("/api/v1/decisions").then().statusCode(200)
                .body("items.decision_id", contains(team.decisionB)).body("next_cursor", nullValue());
        given().queryParam("q", "d-" + team.year).queryParam("sort", "newest").get("/api/v1/decisions").then()
                .statusCode(200).body("items.decision_id", contains(team.decisionB, team.decisionA));

        given().queryParam("limit", 1000).get("/api/v1/decisions").then().statusCode(400)
                .body("message", is("limit 1000 is over the maximum of 100"));
        given().queryParam("sort", "title; drop table decision").get("/api/v1/decisions").then().statusCode(400)
                .body("message", containsString("sort must be id or newest"));
        given().queryParam("cursor", "garbage").get("/api/v1/decisions").then().statusCode(400)
                .body("message", containsString("cursor is not one this API issued"));
    }

    @Test
    void shouldMeasureCoverageUnderAPrefix() {
        given().queryParam("repo", team.repo).queryParam("path_prefix", "config/").get("/api/v1/coverage").then()
                .statusCode(200)
                .body("lines", is(6))
                .body("traced_lines", is(5))
                .body("percentage", equalTo(83.3f))
                .body("files.path", contains("config/app.yaml"));
        given().queryParam("repo", "acme/nobody").get("/api/v1/coverage").then().statusCode(404);
    }

    @Test
    void shouldMeasureCoverageOfARepositoryThePlannersStatisticsDoNotKnowYet() throws SQLException {
        // as just after a registration: the statistics were taken before the repository's 20,000 ranges and chains
        // came, so they estimate one range for it; a join of ranges and chains trusting that estimate read every chain
        // of the repository for each range, past the test profile's 3 s read timeout
        String repo = "acme/just-registered";
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("ANALYZE blame_file, blame_range, chain");
            sql.execute("INSERT INTO blame_file (repo, path, rev, line_count, has_text) SELECT '" + repo
                    + "', 'config/f' || i || '.yaml', 'tip', 100, false FROM generate_series(0, 199) i");
            sql.execute("INSERT INTO blame_range (repo, path, start_line, line_count, sha, orig_start) SELECT '" + repo
                    + "', 'config/f' || (i / 100) || '.yaml', i % 100 + 1, 1, md5(i::text), i % 100 + 1"
                    + " FROM generate_series(0, 19999) i");
            sql.execute("INSERT INTO chain (repo, sha, complete, decision_count, body) SELECT '" + repo
                    + "', md5(i::text), true, i % 2, '{}' FROM generate_series(0, 19999) i");
        }
        try {
            given().queryParam("repo", repo).get("/api/v1/coverage").then().statusCode(200)
                    .body("lines", is(20_000))
                    .body("traced_lines", is(10_000))
                    .body("files", hasSize(200));
        } finally {
            try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
                for (String table : List.of("blame_file", "blame_range", "chain")) {
                    sql.execute("DELETE FROM " + table + " WHERE repo = '" + repo + "'");
                }
            }
        }
    }

    @Test
    void shouldAnswerBusyAndCancelTheStatementWhenTheStoreDoesNotAnswerInTime() throws SQLException {
        // a lock every read of the ranges queues behind, as reads queue behind a rebuild's TRUNCATE that itself
        // waits for a slow search; the test profile's read timeout is 3 s
        try (Connection locker = dataSource.getConnection()) {
            locker.setAutoCommit(false);
            try (Statement lock = locker.createStatement()) {
                lock.execute("LOCK TABLE blame_range IN ACCESS EXCLUSIVE MODE");
            }
            try {
                long started = System.nanoTime();
                given().queryParam("repo", team.repo).get("/api/v1/coverage").then().statusCode(503)
                        .header("Retry-After", notNullValue())
                        .body("error", is("busy"))
                        .body("message", containsString("did not answer within 3 s (decisionlog.store.read-timeout)"));
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofSeconds(2),
                        Duration.ofSeconds(30));
                assertThatThrownBy(() -> queries.lineAt(team.repo, "config/app.yaml", 2, false))
                        .isInstanceOf(Busy.class);
                // cancelled in PostgreSQL too, not left waiting for the lock after the answer
                assertThat(waitingBehind(locker)).isZero();
            } finally {
                locker.rollback();
            }
        }
        given().queryParam("repo", team.repo).queryParam("path_prefix", "config/").get("/api/v1/coverage").then()
                .statusCode(200).body("lines", is(6));
    }

    private static int waitingBehind(Connection locker) throws SQLException {
        try (Statement count = locker.createStatement();
             ResultSet row = count.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                     + " AND ltrim(query) LIKE 'SELECT%blame_range%' AND pid <> pg_backend_pid()")) {
            row.next();
            return row.getInt(1);
        }
    }

    @Test
    void shouldLeaveTheSameRowsWhenRecordsArriveTwice() {
        Map<String, Long> rows = rowCounts();
        assertThat(rows).containsEntry("ranges", 3L).containsEntry("chains", 2L);
        JsonPath before = projection();
        Map<TopicPartition, Long> redelivered;
        int records;
        try (TopicFeed feed = new TopicFeed()) {
            team.publish(feed);
            redelivered = feed.nextOffsets(PROJECTED_TOPICS);
            records = feed.records(PROJECTED_TOPICS);
        }
        assertThat(records).as("blame files and minutes the team publishes").isEqualTo(4);

        // past them in the store means applied or skipped; the applied counter follows its transaction's commit
        Wait.until("the store to pass the " + records + " redelivered records and count them applied",
                Duration.ofSeconds(60), () -> storePassed(redelivered)
                        && projection().getLong("applied") >= before.getLong("applied") + records);

        JsonPath after = projection();
        assertThat(after.getLong("generation")).as("no rebuild in between").isEqualTo(before.getLong("generation"));
        assertThat(after.getLong("skipped")).as("records skipped: a duplicate is no bad record")
                .isEqualTo(before.getLong("skipped"));
        assertThat(after.getLong("applied") - before.getLong("applied")).as("records applied again")
                .isGreaterThanOrEqualTo(records);
        assertThat(rowCounts()).isEqualTo(rows);
    }

    @Test
    void shouldSkipARecordTheStoreCannotTakeAndKeepEverythingElse() {
        long skipped = projection().getLong("skipped");
        String repo = team.repo;
        Map<TopicPartition, Long> sent;
        try (TopicFeed feed = new TopicFeed()) {
            // two ranges starting on the same line break the primary key: the whole batch rolls back
            feed.sendRaw(Topics.BLAME, repo + ":bad.yaml", "{\"repo\":\"" + repo + "\",\"path\":\"bad.yaml\",\"rev\":\""
                    + team.shaC + "\",\"lines\":2,\"ranges\":[{\"start\":1,\"count\":1,\"sha\":\"" + team.shaA
                    + "\"},{\"start\":1,\"count\":1,\"sha\":\"" + team.shaB + "\"}],\"text\":[\"a\",\"b\"]}");
            feed.sendRaw(Topics.BLAME, repo + ":worse.yaml", "{not json");
            feed.send(Topics.BLAME, repo + ":good.yaml", new io.decisionlog.events.BlameFile(repo, "good.yaml", team.shaC, 1,
                    List.of(new io.decisionlog.events.BlameRange(1, 1, team.shaA, "good.yaml", 1)), List.of("ok: true")));
            sent = feed.nextOffsets(PROJECTED_TOPICS);
        }
        // the three may sit on different partitions, applied in any order: wait until the store is past all of them
        // (a skip is counted before the offsets past it are stored)
        Wait.until("the store to pass good.yaml, bad.yaml and worse.yaml", Duration.ofSeconds(30), () -> storePassed(sent));
        given().queryParam("repo", repo).queryParam("path", "good.yaml").queryParam("line", 1).get("/api/v1/trace")
                .then().statusCode(200).body("text", is("ok: true")).body("decisions[0].decision_id", is(team.decisionA));
        given().queryParam("repo", repo).queryParam("path", "bad.yaml").queryParam("line", 1).get("/api/v1/trace")
                .then().statusCode(404);
        assertThat(projection().getLong("skipped")).isEqualTo(skipped + 2);
        trace(2).then().statusCode(200).body("blame.sha", is(team.shaA));
    }

    @Test
    void shouldAnswerTheSameAfterARebuildFromTheTopics() {
        List<String> paths = List.of(
                "/api/v1/trace?repo=" + team.repo + "&path=config/app.yaml&line=4",
                "/api/v1/files?repo=" + team.repo + "&path=config/app.yaml",
                "/api/v1/decisions/" + team.decisionA,
                "/api/v1/coverage?repo=" + team.repo);
        // the answers, and the offsets of the store they came from: unchanged while they were read
        AtomicReference<Map<TopicPartition, Long>> offsets = new AtomicReference<>();
        AtomicReference<List<String>> before = new AtomicReference<>();
        Wait.until("a store at rest to compare with", Duration.ofSeconds(30), () -> {
            offsets.set(storeOffsets());
            before.set(paths.stream().map(path -> given().get(path).asString()).toList());
            return offsets.get().equals(storeOffsets());
        });
        long generation = projection().getLong("generation");

        given().post("/api/v1/admin/rebuild").then().statusCode(202).body("generation", is((int) generation + 1));
        // not caught_up, which comes from the consumer's cached lag: the store's own offsets, back where they were
        Wait.until("the projection to replay up to where the store stood", Duration.ofSeconds(90),
                () -> projection().getLong("generation") == generation + 1 && storePassed(offsets.get()));
        assertThat(paths.stream().map(path -> given().get(path).asString()).toList()).isEqualTo(before.get());
    }

    @Test
    void shouldListWhatShippedWithoutADecisionAsJsonAndCsvAndCountTheNARuns() {
        TeamFixture shipped = new TeamFixture();
        try (TopicFeed feed = new TopicFeed()) {
            shipped.publish(feed);
            shipped.publishUnlinkedChange(feed);
        }
        // commit B is unlinked too until its run (whose title names decision B) joins its chain: wait for the end
        Wait.until("the unlinked commit and its N/A run in the store, and nothing else", Duration.ofSeconds(90), () ->
                List.of("run", "commit").equals(given().queryParam("repo", shipped.repo).queryParam("since", "2025-03-01")
                        .queryParam("until", "2025-03-01").get("/api/v1/unlinked").then().extract().jsonPath()
                        .getList("items.kind", String.class)));

        // commit D has no decision, and its run 9002 carried none; run 9001 named decision B in its title, so
        // neither it nor commit B is listed, and commit A's trailer traces it
        JsonPath page = given().queryParam("repo", shipped.repo).queryParam("since", "2025-03-01")
                .queryParam("until", "2025-03-01").get("/api/v1/unlinked").then().statusCode(200).extract().jsonPath();
        assertThat(page.getList("items.kind", String.class)).containsExactly("run", "commit");
        assertThat(page.getString("items[0].run_id")).isEqualTo("9002");
        assertThat(page.getString("items[0].decision_ref")).isEqualTo("N/A");
        assertThat(page.getString("items[0].sha")).isEqualTo(shipped.shaD);
        assertThat(page.getString("items[0].origin")).isEqualTo("webhook");
        assertThat(page.getString("items[1].sha")).isEqualTo(shipped.shaD);
        assertThat(page.getString("items[1].subject")).isEqualTo("Bump the pool size");
        assertThat(page.getString("next_page")).isNull();

        given().queryParam("repo", shipped.repo).queryParam("since", "2025-03-01").queryParam("until", "2025-03-01")
                .queryParam("per_page", "1").get("/api/v1/unlinked").then().statusCode(200)
                .body("items.size()", is(1)).body("next_page", is(2));
        String csv = given().accept("text/csv").queryParam("repo", shipped.repo).queryParam("since", "2025-03-01")
                .queryParam("until", "2025-03-01").get("/api/v1/unlinked").then().statusCode(200)
                .header("Content-Disposition", containsString(".csv")).extract().asString();
        assertThat(csv.split("\r\n")).hasSize(3);
        assertThat(csv).startsWith("\"kind\",\"at\",\"repo\"").contains("\"run\",\"2025-03-01T10:01:30Z\"", "\"N/A\"");
        given().queryParam("repo", shipped.repo).queryParam("since", "2025-03-02").queryParam("until", "2025-03-03")
                .get("/api/v1/unlinked").then().statusCode(200).body("items", hasSize(0));
        given().queryParam("repo", shipped.repo).queryParam("since", "march").get("/api/v1/unlinked").then()
                .statusCode(400).body("message", containsString("since must be a date"));
        given().queryParam("repo", shipped.repo).queryParam("per_page", "501").get("/api/v1/unlinked").then()
                .statusCode(400);

        unlinkedRuns.refresh();
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("decisionlog_unlinked_runs{repo=\"" + shipped.repo + "\"} 1.0"));
    }

    @Test
    void shouldKeepEveryRevisionOfADecisionWithTheMinutesCommitThatMadeIt() {
        TeamFixture history = new TeamFixture();
        String id = history.decisionA;
        try (TopicFeed feed = new TopicFeed()) {
            feed.send(Topics.MINUTES, id, history.revision(id, "proposed", "first draft", "1".repeat(40)))
                    .send(Topics.MINUTES, id, history.revision(id, "proposed", "first draft", "1".repeat(40)))
                    .send(Topics.MINUTES, id, history.revision(id, "accepted", "agreed in the sync", "2".repeat(40)))
                    .send(Topics.MINUTES, id, history.revision(id, "superseded", "agreed in the sync", "3".repeat(40)));
        }
        Wait.until("three revisions of " + id, Duration.ofSeconds(90), () ->
                given().get("/api/v1/decisions/" + id + "/history").then().extract().statusCode() == 200
                        && given().get("/api/v1/decisions/" + id + "/history").jsonPath().getList("revisions").size() == 3);

        JsonPath revisions = given().get("/api/v1/decisions/" + id + "/history").then().statusCode(200).extract().jsonPath();
        // the redelivered first version is one revision, not two
        assertThat(revisions.getList("revisions.revision", Integer.class)).containsExactly(1, 2, 3);
        assertThat(revisions.getList("revisions.status", String.class)).containsExactly("proposed", "accepted", "superseded");
        assertThat(revisions.getList("revisions.minutes_commit", String.class))
                .containsExactly("1".repeat(40), "2".repeat(40), "3".repeat(40));
        assertThat(revisions.getString("revisions[1].minutes.rationale")).isEqualTo("agreed in the sync");
        given().get("/api/v1/decisions/D-1999-999/history").then().statusCode(404);

        // a rebuild replays every version still in the log: none of them is a new revision
        Map<TopicPartition, Long> offsets = storeOffsets();
        long generation = projection().getLong("generation");
        given().post("/api/v1/admin/rebuild").then().statusCode(202);
        Wait.until("the projection to replay up to where the store stood", Duration.ofSeconds(90),
                () -> projection().getLong("generation") == generation + 1 && storePassed(offsets));
        assertThat(given().get("/api/v1/decisions/" + id + "/history").jsonPath().getList("revisions.revision",
                Integer.class)).containsExactly(1, 2, 3);
    }

    @Test
    void shouldLeaveTheStateStoresRocksDbMetricsOutOfTheScrape() {
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("kafka_stream_thread_"))
                .body(not(containsString("kafka_stream_state_")));
    }

    private static JsonPath projection() {
        return given().get("/api/v1/admin/projection").then().statusCode(200).extract().jsonPath();
    }

    /** Where the store stands on every partition it has applied anything of: the next offset to apply. */
    private static Map<TopicPartition, Long> storeOffsets() {
        List<?> rows = QuarkusTransaction.requiringNew().call(() -> ChainRow.getEntityManager()
                .createNativeQuery("SELECT topic, partition_no, next_offset FROM projection_offset").getResultList());
        Map<TopicPartition, Long> offsets = new HashMap<>();
        rows.stream().map(row -> (Object[]) row).forEach(row -> offsets.put(
                new TopicPartition((String) row[0], ((Number) row[1]).intValue()), ((Number) row[2]).longValue()));
        return offsets;
    }

    /** The store's own offsets (written with the rows they cover) are at or past these, on every partition. */
    private boolean storePassed(Map<TopicPartition, Long> offsets) {
        try {
            Map<TopicPartition, Long> stored = writer.offsets(offsets.keySet());
            return offsets.entrySet().stream().allMatch(e -> stored.getOrDefault(e.getKey(), 0L) >= e.getValue());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the store's offsets", e);
        }
    }

    private Map<String, Long> rowCounts() {
        return QuarkusTransaction.requiringNew().call(() -> Map.of(
                "ranges", BlameRangeRow.count("repo = ?1 and path = ?2", team.repo, "config/app.yaml"),
                "chains", ChainRow.count("repo", team.repo)));
    }
}
