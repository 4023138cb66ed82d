package io.decisionlog.blame.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.decisionlog.blame.git.Clones;
import io.decisionlog.blame.git.CommitRecords;
import io.decisionlog.blame.git.TestRemotes;
import io.decisionlog.blame.sync.PublishedBlames;
import io.decisionlog.blame.sync.PublishedTags;
import io.decisionlog.blame.sync.RepoSync;
import io.decisionlog.blame.sync.RepoTracker;
import io.decisionlog.deploy.local.LocalRuntimeResource;
import io.decisionlog.deploy.local.RuntimeTest;
import io.decisionlog.deploy.local.ScratchDirs;
import io.decisionlog.deploy.local.SharedTestRuntime;
import io.decisionlog.deploy.local.TopicSnapshot;
import io.decisionlog.deploy.local.Wait;
import io.decisionlog.events.BlameFile;
import io.decisionlog.events.ClientConfigs;
import io.decisionlog.events.DecisionIds;
import io.decisionlog.events.GitCommit;
import io.decisionlog.events.Json;
import io.decisionlog.events.Keys;
import io.decisionlog.events.Topics;
import io.decisionlog.events.kafka.LatestByKey;
import io.decisionlog.events.webhook.PushSignature;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;

import static io.decisionlog.blame.api.WorkTree.awaitTip;
import static io.decisionlog.blame.api.WorkTree.commit;
import static io.decisionlog.blame.api.WorkTree.write;
import static io.decisionlog.deploy.local.AsAdmin.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Register → blame and commits on the topics → push → only what changed → a restarted tracker publishes nothing. */
@QuarkusTest
@QuarkusTestResource(LocalRuntimeResource.class)
@RuntimeTest
class RepoSyncFlowTest {

    @ConfigProperty(name = "decisionlog.data-dir")
    String dataDir;

    @Test
    void shouldPublishThenRepublishOnlyWhatAPushChangedAndNothingAfterARestart() throws Exception {
        String repo = "acme/payments-" + UUID.randomUUID().toString().substring(0, 8);
        Path work = ScratchDirs.create("blame-flow-");
        RevCommit first;
        try (Git git = Git.init().setInitialBranch("main").setDirectory(work.toFile()).call()) {
            write(work, "deploy/values-prod.yaml", "replicas: 3\ntimeout: 30s\nretries: 5\n");
            write(work, "README.md", "# payments\n");
            write(work, "old.txt", "to be deleted\n");
            first = commit(git, "Raise the callback timeout\n\nDecision: D-2024-087\n");
        }

        given().contentType(ContentType.JSON)
                .body(Map.of("repo", repo, "url", work.toString(), "branch", "main"))
                .post("/api/v1/repos").then().statusCode(202).body("repo", equalTo(repo));
        awaitTip(repo, first.name());

        BlameFile values = latestBlame(repo, "deploy/values-prod.yaml");
        assertThat(values.lines()).isEqualTo(3);
        assertThat(values.text()).containsExactly("replicas: 3", "timeout: 30s", "retries: 5");
        assertThat(values.ranges()).singleElement().satisfies(range -> assertThat(range.sha()).isEqualTo(first.name()));
        GitCommit commit = Topics.COMMITS.valueSerde().deserialize("", single(Topics.COMMITS.name(), repo + "@" + first.name()).value());
        assertThat(commit.decisionIds()).containsExactly("D-2024-087");
        assertThat(commit.trailers()).containsEntry("Decision", List.of("D-2024-087"));

        RevCommit second;
        try (Git git = Git.open(work.toFile())) {
            write(work, "deploy/values-prod.yaml", "replicas: 3\ntimeout: 45s\nretries: 5\n");
            Files.delete(work.resolve("old.txt"));
            second = commit(git, "Lengthen the timeout again");
        }
        byte[] push = ("{\"ref\":\"refs/heads/main\",\"repository\":{\"full_name\":\"" + repo + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        RestAssured.given().contentType(ContentType.JSON).header("X-GitHub-Event", "push").body(push)
                .post("/webhooks/push").then().statusCode(401).body("message", containsString("X-Hub-Signature-256"));
        RestAssured.given().contentType(ContentType.JSON).header("X-GitHub-Event", "push")
                .header("X-Hub-Signature-256", PushSignature.sign("push-test-secret".getBytes(StandardCharsets.UTF_8), push))
                .body(push).post("/webhooks/push").then().statusCode(202);
        awaitTip(repo, second.name());

        assertThat(records(Topics.BLAME.name(), repo + ":deploy/values-prod.yaml")).hasSize(2);
        assertThat(records(Topics.BLAME.name(), repo + ":README.md")).as("unchanged: not re-published").hasSize(1);
        List<ConsumerRecord<String, byte[]>> old = records(Topics.BLAME.name(), repo + ":old.txt");
        assertThat(old).hasSize(2);
        assertThat(old.get(1).value()).as("a deleted file becomes a tombstone").isNull();
        assertThat(latestBlame(repo, "deploy/values-prod.yaml").ranges())
                .extracting(range -> range.sha())
                .containsExactly(first.name(), second.name(), first.name());

        // a restart: a new tracker restored from the repos topic fetches, finds the tip published, publishes nothing
        RepoTracker restarted = restartedTracker();
        assertThat(restarted.requestSync(repo)).isTrue();
        Wait.until("the restarted tracker's sync", Duration.ofSeconds(60),
                () -> restarted.status(repo).map(status -> "synced".equals(status.state())).orElse(false));
        assertThat(restarted.status(repo).orElseThrow().recordsPublished()).isZero();
        assertThat(records(Topics.BLAME.name(), repo + ":README.md")).hasSize(1);
    }

    @Test
    void shouldRetractWhatAReplacedSourceOrAnExcludedPathPublished() throws Exception {
        String repo = "acme/replaced-" + UUID.randomUUID().toString().substring(0, 8);
        Path old = ScratchDirs.create("blame-old-");
        Path replacement = ScratchDirs.create("blame-new-");
        RevCommit oldTip;
        RevCommit newTip;
        try (Git git = Git.init().setInitialBranch("main").setDirectory(old.toFile()).call()) {
            write(old, "only-old.yaml", "a: 1\n");
            write(old, "shared.yaml", "from: old\n");
            oldTip = commit(git, "old source");
        }
        try (Git git = Git.init().setInitialBranch("main").setDirectory(replacement.toFile()).call()) {
            write(replacement, "shared.yaml", "from: new\n");
            write(replacement, "only-new.yaml", "b: 2\n");
            newTip = commit(git, "new source");
        }
        given().contentType(ContentType.JSON).body(Map.of("repo", repo, "url", old.toString()))
                .post("/api/v1/repos").then().statusCode(202);
        awaitTip(repo, oldTip.name());

        given().contentType(ContentType.JSON).body(Map.of("repo", repo, "url", replacement.toString(), "replace", true))
                .post("/api/v1/repos").then().statusCode(202);
        awaitTip(repo, newTip.name());

        assertThat(last(repo, "only-old.yaml")).as("a file only the replaced source had").isNull();
        assertThat(latestBlame(repo, "shared.yaml").text()).containsExactly("from: new");
        assertThat(latestBlame(repo, "only-new.yaml").text()).containsExactly("b: 2");

        // other path rules for the same source: what they exclude now is retracted, the rest published again
        given().contentType(ContentType.JSON)
                .body(Map.of("repo", repo, "url", replacement.toString(), "exclude", List.of("only-new.yaml")))
                .post("/api/v1/repos").then().statusCode(202);
        awaitTip(repo, newTip.name());

        assertThat(last(repo, "only-new.yaml")).as("excluded by the new rules").isNull();
        assertThat(latestBlame(repo, "shared.yaml").text()).containsExactly("from: new");
    }

    private static byte[] last(String repo, String path) {
        List<ConsumerRecord<String, byte[]>> all = records(Topics.BLAME.name(), repo + ":" + path);
        assertThat(all).as(path).isNotEmpty();
        return all.get(all.size() - 1).value();
    }

    @Test
    void shouldRefuseUnreachableUrlsAndReportMissingBranchesWithTheReason() throws Exception {
        given().contentType(ContentType.JSON)
                .body(Map.of("repo", "acme/nowhere", "url", "/does/not/exist", "branch", "main"))
                .post("/api/v1/repos").then().statusCode(400)
                .body("message", containsString("local repository /does/not/exist does not exist"));
        Path work = ScratchDirs.create("blame-branch-");
        try (Git git = Git.init().setInitialBranch("main").setDirectory(work.toFile()).call()) {
            write(work, "a.txt", "a\n");
            commit(git, "a");
        }
        // registration fetches nothing: the first sync, in the background, finds the branch missing and says so
        given().contentType(ContentType.JSON)
                .body(Map.of("repo", "acme/branchless", "url", work.toString(), "branch", "release"))
                .post("/api/v1/repos").then().statusCode(202);
        Wait.until("the first sync of acme/branchless to fail", Duration.ofSeconds(30),
                () -> "failed".equals(given().get("/api/v1/repos/acme/branchless").jsonPath().getString("state")));
        given().get("/api/v1/repos/acme/branchless").then()
                .body("errors[0]", containsString("branch 'release' does not exist"));
        given().contentType(ContentType.JSON).body(Map.of("repo", "not-a-repo-name", "url", work.toString()))
                .post("/api/v1/repos").then().statusCode(400).body("message", containsString("owner/name"));
    }

    @Test
    void shouldKeepTheGateRulesARegistrationSetsAndRefuseOnesThatCannotBeUsed() throws Exception {
        Path work = ScratchDirs.create("blame-gate-");
        try (Git git = Git.init().setInitialBranch("main").setDirectory(work.toFile()).call()) {
            write(work, "config/app.yaml", "a: 1\n");
            commit(git, "a");
        }
        String repo = "acme/gated-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON).body(Map.of("repo", repo, "url", work.toString(), "gate",
                        Map.of("governed", List.of("config/**"), "require", "pull_request", "statuses", List.of("Accepted"),
                                "signoff", true)))
                .post("/api/v1/repos").then().statusCode(202)
                .body("gate.governed", contains("config/**")).body("gate.require", equalTo("pull_request"))
                .body("gate.statuses", contains("accepted")).body("gate.signoff", equalTo(true));
        given().get("/api/v1/repos/" + repo).then().statusCode(200).body("gate.require", equalTo("pull_request"));

        given().contentType(ContentType.JSON).body(Map.of("repo", repo, "url", work.toString(), "gate",
                        Map.of("governed", List.of())))
                .post("/api/v1/repos").then().statusCode(400).body("field", equalTo("gate.governed"));
        given().contentType(ContentType.JSON).body(Map.of("repo", repo, "url", work.toString(), "gate",
                        Map.of("governed", List.of("config/**"), "require", "sometimes")))
                .post("/api/v1/repos").then().statusCode(400);
        given().get("/api/v1/repos/" + repo).then().body("gate.require", equalTo("pull_request"));
    }

    @Test
    void shouldPublishEachCommitsSignatureCheckedAgainstTheRegistrationsAllowedSigners() throws Exception {
        Path dir = ScratchDirs.create("blame-signed-");
        Path work = dir.resolve("work");
        Files.createDirectories(work);
        run(dir, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "li.wei", "-f", dir.resolve("steward").toString());
        Path allowed = dir.resolve("allowed_signers");
        Files.writeString(allowed, "li.wei@acme.example namespaces=\"git\" "
                + Files.readString(dir.resolve("steward.pub")).strip() + "\n");
        run(work, "git", "init", "-q", "-b", "main");
        run(work, "git", "config", "user.name", "Li Wei");
        run(work, "git", "config", "user.email", "li.wei@acme.example");
        run(work, "git", "config", "gpg.format", "ssh");
        write(work, "config/app.yaml", "a: 1\n");
        run(work, "git", "add", ".");
        run(work, "git", "commit", "-q", "-m", "Signed", "-S" + dir.resolve("steward.pub"));
        String signed = run(work, "git", "rev-parse", "HEAD").strip();
        write(work, "config/app.yaml", "a: 2\n");
        run(work, "git", "commit", "-q", "-a", "-m", "Unsigned");
        String unsigned = run(work, "git", "rev-parse", "HEAD").strip();
        String repo = "acme/signed-" + UUID.randomUUID().toString().substring(0, 8);

        given().contentType(ContentType.JSON).body(Map.of("repo", repo, "url", work.toString(), "allowed_signers",
                "/etc/passwd")).post("/api/v1/repos").then().statusCode(400).body("field", equalTo("allowed_signers"));
        given().contentType(ContentType.JSON).body(Map.of("repo", repo, "url", work.toString(), "allowed_signers",
                allowed.toString())).post("/api/v1/repos").then().statusCode(202);
        awaitTip(repo, unsigned);

        JsonNode first = Json.MAPPER.readTree(last(repo, signed, Topics.COMMITS.name())).path("signature");
        assertThat(first.path("status").asText()).as(first.toString()).isEqualTo("verified");
        assertThat(first.path("signer").asText()).isEqualTo("li.wei@acme.example");
        JsonNode second = Json.MAPPER.readTree(last(repo, unsigned, Topics.COMMITS.name())).path("signature");
        assertThat(second.path("status").asText()).isEqualTo("none");
    }

    private static byte[] last(String repo, String sha, String topic) {
        List<ConsumerRecord<String, byte[]>> all = records(topic, Keys.commit(repo, sha));
        assertThat(all).as(sha).isNotEmpty();
        return all.get(all.size() - 1).value();
    }

    private static String run(Path in, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(in.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("%s: %s", String.join(" ", command), output).isZero();
        return output;
    }

    @Test
    void shouldAnswer404ForAnUnknownRepoRawOrEncoded() {
        given().get("/api/v1/repos/acme/unknown").then().statusCode(404).body("message", containsString("acme/unknown"));
        given().urlEncodingEnabled(false).get("/api/v1/repos/" + URLEncoder.encode("acme/unknown", StandardCharsets.UTF_8))
                .then().statusCode(404).body("message", containsString("acme/unknown"));
        given().post("/api/v1/repos/acme/unknown/sync").then().statusCode(404);
    }

    private RepoTracker restartedTracker() {
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedTestRuntime.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        Clones clones = TestRemotes.clones(Path.of(dataDir).resolve("repos"));
        RepoSync sync = new RepoSync(clones, new PublishedBlames(Path.of(dataDir).resolve("blame")),
                new CommitRecords(DecisionIds.defaults()),
                new PublishedTags(Path.of(dataDir).resolve("tags")), 1_048_576, Duration.ofSeconds(30), Clock.systemUTC());
        RepoTracker tracker = new RepoTracker(sync, producer, Executors.newSingleThreadExecutor());
        tracker.takeOver(LatestByKey.read(new KafkaConsumer<>(ClientConfigs.stateReader(
                SharedTestRuntime.bootstrapServers(), "restarted-tracker")), Topics.REPOS, Duration.ofSeconds(30)).values());
        return tracker;
    }


    private static BlameFile latestBlame(String repo, String path) {
        List<ConsumerRecord<String, byte[]>> all = records(Topics.BLAME.name(), repo + ":" + path);
        return Topics.BLAME.valueSerde().deserialize("", all.get(all.size() - 1).value());
    }

    private static ConsumerRecord<String, byte[]> single(String topic, String key) {
        List<ConsumerRecord<String, byte[]>> all = records(topic, key);
        assertThat(all).as(key).hasSize(1);
        return all.get(0);
    }

    private static List<ConsumerRecord<String, byte[]>> records(String topic, String key) {
        return TopicSnapshot.records(topic, key);
    }
}
