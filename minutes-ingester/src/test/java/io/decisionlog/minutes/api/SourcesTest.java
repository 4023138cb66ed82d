package io.decisionlog.minutes.api;

import io.decisionlog.deploy.local.LocalRuntimeResource;
import io.decisionlog.deploy.local.RuntimeTest;
import io.decisionlog.deploy.local.SharedTestRuntime;
import io.decisionlog.deploy.local.TopicSnapshot;
import io.decisionlog.deploy.local.Wait;
import io.decisionlog.events.DecisionMinutes;
import io.decisionlog.events.RejectedMinutes;
import io.decisionlog.events.Topics;
import io.decisionlog.events.webhook.PushSignature;
import io.decisionlog.kit.git.GitRemotes;
import io.decisionlog.kit.kafka.KafkaClients;
import io.decisionlog.minutes.MinutesRepo;
import io.decisionlog.minutes.parse.MinutesParser;
import io.decisionlog.minutes.publish.KafkaPublisher;
import io.decisionlog.minutes.publish.StateLoader;
import io.decisionlog.minutes.sync.MirrorDirs;
import io.decisionlog.minutes.sync.SourceRegistry;
import io.decisionlog.minutes.sync.SourceSync;
import io.decisionlog.minutes.sync.SyncReport;
import io.decisionlog.minutes.wiring.MinutesBeans;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.decisionlog.deploy.local.AsAdmin.given;
import static io.decisionlog.minutes.MinutesRepo.minutes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

/** The service against the real broker and real git repositories built in the test: what it says is on the topics. */
@QuarkusTest
@QuarkusTestResource(LocalRuntimeResource.class)
@RuntimeTest
class SourcesTest {
    @TempDir
    Path tmp;
    private MinutesRepo repo;
    private String source;
    private int year;

    @BeforeEach
    void setUp() {
        Wait.until("the service to have read its state", Duration.ofSeconds(60),
                () -> given().when().get("/q/health/ready").statusCode() == 200);
        repo = MinutesRepo.create(tmp.resolve("repo"));
        source = "it/minutes-" + UUID.randomUUID();
        // ids are unique per test: the broker, and so the topics, are shared by every test of the JVM
        year = ThreadLocalRandom.current().nextInt(1000, 9999);
    }

    @AfterEach
    void tearDown() {
        repo.close();
    }

    private String id(int n) {
        return "IT-" + year + "-" + ThreadLocalRandom.current().nextInt(100_000, 999_999) + n;
    }

    private ValidatableResponse register(String source, String url) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("source", source, "url", url, "branch", "main"))
                .when().post("/api/v1/sources").then();
    }

    /** Registers the source (201) and answers its status once the first sync, in the background, has run. */
    private ValidatableResponse registerAndSync(String source, String url) {
        register(source, url).statusCode(201);
        return synced(source, repo.head());
    }

    /** Starts a sync (202) and answers the source's status once it has synced the repository's head. */
    private ValidatableResponse sync(String source) {
        given().when().post("/api/v1/sources/" + source + "/sync").then().statusCode(202);
        return synced(source, repo.head());
    }

    private static ValidatableResponse synced(String source, String head) {
        Wait.until(source + " synced to " + head, Duration.ofSeconds(30), () -> {
            var status = given().get("/api/v1/sources/" + source).jsonPath();
            return head.equals(status.getString("head_commit")) || status.getString("error") != null;
        });
        return given().get("/api/v1/sources/" + source).then();
    }

    private static List<DecisionMinutes> published(String id) {
        return TopicSnapshot.records(Topics.MINUTES.name(), id).stream()
                .map(r -> Topics.MINUTES.valueSerde().deserialize("", r.value())).toList();
    }

    @Test
    void shouldPublishUpdateAndTombstoneDecisionsAsTheMinutesChange() {
        String kept = id(1);
        String removed = id(2);
        String first = repo.write("minutes/2024/04-10.yaml", minutes("Sync", kept, removed)).commit("minutes");

        registerAndSync(source, repo.url())
                .body("source", equalTo(source))
                .body("head_commit", equalTo(first))
                .body("files_accepted", equalTo(1))
                .body("decisions_published", equalTo(2))
                .body("error", nullValue());
        assertThat(published(kept)).singleElement().satisfies(d -> {
            assertThat(d.meeting().sourceRepo()).isEqualTo(source);
            assertThat(d.meeting().path()).isEqualTo("minutes/2024/04-10.yaml");
            assertThat(d.meeting().commit()).isEqualTo(first);
            assertThat(d.meeting().title()).isEqualTo("Sync");
        });

        String second = repo.write("minutes/2024/04-10.yaml", minutes("Sync", kept).replace("do " + kept, "do it later"))
                .commit("update one, remove one");
        sync(source).statusCode(200).body("head_commit", equalTo(second))
                .body("last_report.decisions_published", equalTo(1))
                .body("last_report.tombstones", equalTo(1));

        assertThat(published(kept)).extracting(DecisionMinutes::decision).containsExactly("do " + kept, "do it later");
        List<ConsumerRecord<String, byte[]>> gone = TopicSnapshot.records(Topics.MINUTES.name(), removed);
        assertThat(gone).hasSize(2);
        assertThat(gone.get(1).value()).isNull();

        repo.delete("minutes/2024/04-10.yaml").commit("delete the file");
        sync(source).statusCode(200).body("decisions_published", equalTo(0)).body("files_accepted", equalTo(0));
        List<ConsumerRecord<String, byte[]>> keptRecords = TopicSnapshot.records(Topics.MINUTES.name(), kept);
        assertThat(keptRecords).hasSize(3);
        assertThat(keptRecords.get(2).value()).isNull();
    }

    @Test
    void shouldRejectABadFileWithItsErrorsThenAcceptItOnceFixed() {
        String good = id(1);
        String later = id(2);
        repo.write("minutes/good.yaml", minutes("Good", good))
                .write("minutes/bad.yaml", "meeting: m\ndecisions:\n  - id: " + later + "\n    title: t\n    status: approved\n    decision: d\n")
                .commit("one good, one bad");

        registerAndSync(source, repo.url())
                .body("files_accepted", equalTo(1))
                .body("files_rejected", equalTo(1))
                .body("rejected_files[0].path", equalTo("minutes/bad.yaml"))
                .body("rejected_files[0].errors[0].message", containsString("unknown status 'approved'"))
                .body("rejected_files[0].errors[0].line", equalTo(5))
                .body("rejected_files[0].errors[0].column", equalTo(13));
        assertThat(published(good)).hasSize(1);
        assertThat(published(later)).isEmpty();
        List<ConsumerRecord<String, byte[]>> rejection =
                TopicSnapshot.records(Topics.MINUTES_REJECTED.name(), source + ":minutes/bad.yaml");
        assertThat(rejection).singleElement().satisfies(r -> {
            RejectedMinutes value = Topics.MINUTES_REJECTED.valueSerde().deserialize("", r.value());
            assertThat(value.errors()).extracting(e -> e.line()).containsExactly(5);
        });

        repo.write("minutes/bad.yaml", minutes("Fixed", later)).commit("fix");
        sync(source).statusCode(200).body("files_rejected", equalTo(0)).body("files_accepted", equalTo(2));

        assertThat(published(later)).singleElement().satisfies(d -> assertThat(d.meeting().title()).isEqualTo("Fixed"));
        List<ConsumerRecord<String, byte[]>> cleared =
                TopicSnapshot.records(Topics.MINUTES_REJECTED.name(), source + ":minutes/bad.yaml");
        assertThat(cleared).hasSize(2);
        assertThat(cleared.get(1).value()).isNull();
    }

    @Test
    void shouldPublishTheOtherFilesOfASyncWhateverTheBadInput() {
        String good = id(1);
        repo.write("minutes/good.yaml", minutes("Good", good))
                .write("minutes/tag.yaml", "meeting: !!javax.script.ScriptEngineManager [x]\n")
                .write("minutes/bomb.yaml", billionLaughs())
                .write("minutes/deep.yaml", "a: " + "[".repeat(200) + "]".repeat(200) + "\n")
                .write("minutes/big.yaml", "# " + "x".repeat(4 * 1024 * 1024))
                .write("minutes/latin1.yaml", new byte[] {'m', ':', ' ', (byte) 0xE9, '\n'})
                .write("minutes/dupkey.yaml", "meeting: a\nmeeting: b\ndecisions: []\n")
                .write("minutes/indent.yaml", "meeting: m\ndecisions:\n  - id: " + id(2) + "\n    title: t\n   decision: d\n")
                .write("minutes/status.yaml", "decisions:\n  - id: " + id(3) + "\n    title: t\n    status: maybe\n    decision: d\n")
                .write("minutes/noid.yaml", "decisions:\n  - title: t\n    decision: d\n")
                .commit("one good file and every kind of bad one");

        registerAndSync(source, repo.url())
                .body("files_accepted", equalTo(1))
                .body("files_rejected", equalTo(9))
                .body("rejected_files.path", hasItem("minutes/bomb.yaml"))
                .body("rejected_files.find { it.path == 'minutes/indent.yaml' }.errors[0].line", equalTo(5))
                .body("rejected_files.find { it.path == 'minutes/big.yaml' }.errors[0].message",
                        containsString("at most 262144 bytes"));

        assertThat(published(good)).hasSize(1);
    }

    @Test
    void shouldShowTheErrorOfAMissingRepositoryAndLeaveOtherSourcesAlone() {
        String good = id(1);
        repo.write("minutes/a.yaml", minutes("A", good)).commit("a");
        String missing = source + "-missing";

        register(missing, tmp.resolve("does-not-exist").toString()).statusCode(400)
                .body("message", containsString("does not exist"));
        MinutesRepo gone = MinutesRepo.create(tmp.resolve("gone"));
        gone.write("minutes/x.yaml", minutes("X", id(3))).commit("x");
        register(missing, gone.url()).statusCode(201);
        synced(missing, gone.head());
        gone.deleteAll();
        given().when().post("/api/v1/sources/" + missing + "/sync").then().statusCode(202);
        registerAndSync(source, repo.url()).body("error", nullValue());

        assertThat(published(good)).hasSize(1);
        Wait.until("the failed sync of " + missing, Duration.ofSeconds(30),
                () -> given().get("/api/v1/sources/" + missing).jsonPath().getString("error") != null);
        given().when().get("/api/v1/sources/" + missing).then().statusCode(200)
                .body("error", containsString("cannot fetch main from"));
        given().when().get("/api/v1/sources").then().statusCode(200)
                .body("source", org.hamcrest.Matchers.hasItems(source, missing));
    }

    @Test
    void shouldAcceptTheSourceIdRawAndUrlEncodedInPaths() {
        repo.write("minutes/a.yaml", minutes("A", id(1))).commit("a");
        registerAndSync(source, repo.url());
        String encoded = source.replace("/", "%2F");

        given().urlEncodingEnabled(false).when().get("/api/v1/sources/" + encoded).then().statusCode(200)
                .body("source", equalTo(source));
        given().when().get("/api/v1/sources/" + source).then().statusCode(200).body("source", equalTo(source));
        given().urlEncodingEnabled(false).when().post("/api/v1/sources/" + encoded + "/sync").then().statusCode(202)
                .body("source", equalTo(source));
        given().when().get("/api/v1/sources/nobody/here").then().statusCode(404)
                .body("message", containsString("no minutes source 'nobody/here'"));
    }

    @Test
    void shouldSyncOnASignedGitHubPushAndRefuseAnUnsignedOne() {
        String pushed = id(1);
        repo.write("minutes/a.yaml", minutes("A", id(2))).commit("a");
        registerAndSync(source, repo.url());
        repo.write("minutes/b.yaml", minutes("B", pushed)).commit("b");
        byte[] body = ("{\"ref\":\"refs/heads/main\",\"repository\":{\"full_name\":\"" + source
                + "\",\"clone_url\":\"https://github.com/" + source + ".git\"}}").getBytes(StandardCharsets.UTF_8);

        given().contentType(ContentType.JSON).body(body).when().post("/webhooks/push").then().statusCode(401)
                .body("message", containsString("not signed"));
        given().contentType(ContentType.JSON).header("X-GitHub-Event", "push")
                .header("X-Hub-Signature-256", PushSignature.sign("push-test-secret".getBytes(StandardCharsets.UTF_8), body))
                .body(body).when().post("/webhooks/push").then().statusCode(202)
                .body("synced", contains(source));

        Wait.until("the pushed decision on " + Topics.MINUTES.name(), Duration.ofSeconds(30),
                () -> !published(pushed).isEmpty());
        assertThat(published(pushed)).singleElement()
                .satisfies(d -> assertThat(d.meeting().path()).isEqualTo("minutes/b.yaml"));
    }

    @Test
    void shouldSyncOnAGitLabPushWithTheToken() {
        String pushed = id(1);
        repo.write("minutes/a.yaml", minutes("A", id(2))).commit("a");
        registerAndSync(source, repo.url());
        repo.write("minutes/b.yaml", minutes("B", pushed)).commit("b");
        String body = "{\"object_kind\":\"push\",\"ref\":\"refs/heads/main\",\"project\":{\"path_with_namespace\":\""
                + source + "\"}}";

        given().contentType(ContentType.JSON).header("X-Gitlab-Event", "Push Hook")
                .header("X-Gitlab-Token", "push-test-secret").body(body)
                .when().post("/webhooks/push").then().statusCode(202).body("synced", contains(source));

        Wait.until("the pushed decision on " + Topics.MINUTES.name(), Duration.ofSeconds(30),
                () -> !published(pushed).isEmpty());
    }

    @Test
    void shouldPublishNothingAgainAfterARestartAndOnlyTheChangeAfterThat() {
        String first = id(1);
        String second = id(2);
        repo.write("minutes/a.yaml", minutes("A", first)).write("minutes/bad.yaml", "x: [").commit("a");
        registerAndSync(source, repo.url()).body("decisions_published", equalTo(1));

        // a second instance, built from the same classes, that knows only what the state topics say
        String bootstrap = SharedTestRuntime.bootstrapServers();
        try (KafkaProducer<String, byte[]> producer = new KafkaClients(Map.of("bootstrap.servers", bootstrap)).durableProducer("test", MinutesBeans.PRODUCER_TUNING)) {
            SourceRegistry restarted = new SourceRegistry(new SourceSync(MinutesParser.defaults(),
                    new MirrorDirs(tmp.resolve("restarted-mirrors")), GitRemotes.local(List.of(Path.of("/")), Duration.ofSeconds(30)), Clock.systemUTC()),
                    new KafkaPublisher(producer, Duration.ofSeconds(30)), Clock.systemUTC());
            StateLoader.Snapshot snapshot = new StateLoader(() -> new KafkaClients(Map.of("bootstrap.servers", bootstrap)).stateReader("test", MinutesBeans.STATE_READER_TUNING),
                    Duration.ofSeconds(30)).load();
            restarted.restore(snapshot.sources().values(), snapshot.filesBySource());

            SyncReport afterRestart = restarted.sync(source).orElseThrow();
            assertThat(afterRestart.changed()).isFalse();
            assertThat(restarted.get(source).orElseThrow().owners()).containsOnlyKeys(first);
            assertThat(restarted.get(source).orElseThrow().files().get("minutes/bad.yaml").rejected()).isTrue();

            repo.write("minutes/b.yaml", minutes("B", second)).commit("b");
            SyncReport change = restarted.sync(source).orElseThrow();
            assertThat(change.filesRead()).isEqualTo(1);
            assertThat(change.decisionsPublished()).isEqualTo(1);
            assertThat(change.filesRejected()).isZero();
        }
        assertThat(published(first)).hasSize(1);
        assertThat(published(second)).hasSize(1);
        assertThat(TopicSnapshot.records(Topics.MINUTES_REJECTED.name(), source + ":minutes/bad.yaml")).hasSize(1);
    }

    static String billionLaughs() {
        StringBuilder bomb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'i'; c++) {
            bomb.append(c).append(": &").append(c).append(" [")
                    .append(String.join(",", java.util.Collections.nCopies(9, "*" + (char) (c - 1)))).append("]\n");
        }
        return bomb.toString();
    }
}
