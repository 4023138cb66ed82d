package io.decisionlog.graph.api;

import io.decisionlog.deploy.local.LocalRuntimeResource;
import io.decisionlog.deploy.local.RuntimeTest;
import io.decisionlog.deploy.local.ScratchDirs;
import io.decisionlog.deploy.local.Wait;
import io.decisionlog.events.Topics;
import io.decisionlog.events.TrackedRepo;
import io.decisionlog.events.evidence.BundleVerification;
import io.decisionlog.events.signing.AllowedSigners;
import io.decisionlog.events.tlog.NoteKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.decisionlog.deploy.local.AsAdmin.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/**
 * A steward's sign-off through the real service, broker and store: the digest a steward reviews, a sign-off taken only
 * for the digest the chain has now, SSH signatures made by OpenSSH's ssh-keygen checked against the stewards' allowed
 * signers (another person's key, a signature over other bytes refused), a sign-off gone stale when a new commit names
 * the decision, a registration that requires sign-off naming it missing, and a revocation.
 */
@QuarkusTest
@QuarkusTestResource(LocalRuntimeResource.class)
@TestProfile(SignoffTest.StewardKeys.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@RuntimeTest
class SignoffTest {
    static final Path KEYS = ScratchDirs.create("steward-keys");

    /** The stewards' allowed signers: li.wei's key for decisionlog, and bob's (who is not signing off here). */
    public static class StewardKeys implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String allowed = "li.wei namespaces=\"decisionlog\" " + newKey("li.wei") + "\n"
                    + "bob namespaces=\"decisionlog\" " + newKey("bob") + "\n";
            Path file = KEYS.resolve("allowed_signers");
            write(file, allowed);
            return Map.of("decisionlog.signoffs.allowed-signers", file.toString());
        }
    }

    private final TeamFixture team = new TeamFixture();
    private String steward;
    private String reader;
    private boolean published;

    @BeforeEach
    void publishTheTeamOnce() {
        if (published) {
            return;
        }
        try (TopicFeed feed = new TopicFeed()) {
            team.publish(feed);
        }
        Wait.until("decision A's chain", Duration.ofSeconds(90), () -> commitsOf(team.decisionA) == 1);
        steward = mint("li.wei", "steward");
        reader = mint("ana", "reader");
        published = true;
    }

    @Test
    @Order(1)
    void aStewardSignsOffTheDigestTheChainHasNow() {
        JsonPath view = signoffs(team.decisionA);
        String digest = view.getString("digest");
        assertThat(digest).matches("sha256:[0-9a-f]{64}");
        assertThat(view.getString("repo")).isEqualTo(team.repo);
        assertThat(view.getBoolean("required")).isFalse();

        assertThat(gate(false).getBoolean("decisions[0].counts")).as("accepted is enough without signoff").isTrue();
        assertThat(gate(true).getBoolean("decisions[0].counts")).isFalse();
        assertThat(gate(true).getString("decisions[0].reason")).contains("no steward has signed it off in " + team.repo);

        as(reader).contentType(ContentType.JSON).body(Map.of("digest", digest))
                .post(path(team.decisionA)).then().statusCode(403);
        as(steward).contentType(ContentType.JSON).body(Map.of("digest", "sha256:" + "0".repeat(64)))
                .post(path(team.decisionA)).then().statusCode(409).body("message", containsString(digest));
        as(steward).contentType(ContentType.JSON).body(Map.of("digest", "latest"))
                .post(path(team.decisionA)).then().statusCode(400).body("message", containsString("sha256:"));

        as(steward).contentType(ContentType.JSON).body(Map.of("digest", digest, "comment", "read the minutes"))
                .post(path(team.decisionA)).then().statusCode(201)
                .body("state", is("current")).body("steward", is("li.wei")).body("digest", is(digest));
        assertThat(signoffs(team.decisionA).getList("signoffs.state")).containsExactly("current");
        assertThat(gate(true).getBoolean("decisions[0].counts")).as("the gate's signoff: true").isTrue();
        // the line's trace ends with the steward who signed its decision off, in JSON and in the diagram
        given().queryParam("repo", team.repo).queryParam("path", "config/app.yaml").queryParam("line", 1)
                .get("/api/v1/trace").then().statusCode(200).body("signoffs[0].steward", is("li.wei"))
                .body("signoffs[0].state", is("current")).body("signoffs[0].decision_id", is(team.decisionA));
        assertThat(given().queryParam("repo", team.repo).queryParam("path", "config/app.yaml").queryParam("line", 1)
                .queryParam("format", "mermaid").get("/api/v1/trace").then().statusCode(200).extract().asString())
                .contains("signed off by li.wei", "decision0 --> signoff0");
        assertThat(gate(true).getList("decisions[0].signed_off_by")).containsExactly("li.wei");
    }

    /** The gate's question for decision A in the team's repository, with or without {@code signoff: true}. */
    private JsonPath gate(boolean signoff) {
        return as(reader).contentType(ContentType.JSON).body(Map.of("repo", team.repo, "decision_ids",
                List.of(team.decisionA), "statuses", List.of("accepted"), "signoff", signoff))
                .post("/api/v1/gate").then().statusCode(200).body("signoff", is(signoff)).extract().jsonPath();
    }

    @Test
    @Order(2)
    void aSignatureMustBeTheStewardsOwnOverTheDigest() {
        String digest = signoffs(team.decisionA).getString("digest");
        as(steward).contentType(ContentType.JSON).body(Map.of("digest", digest, "signature", sign("li.wei", digest)))
                .post(path(team.decisionA)).then().statusCode(201)
                .body("signature.principal", is("li.wei"))
                .body("signature.key_fingerprint", is(fingerprint("li.wei")))
                .body("signature.armored", containsString("BEGIN SSH SIGNATURE"));

        as(steward).contentType(ContentType.JSON).body(Map.of("digest", digest, "signature", sign("bob", digest)))
                .post(path(team.decisionA)).then().statusCode(422).body("message", containsString("belongs to bob"));
        as(steward).contentType(ContentType.JSON)
                .body(Map.of("digest", digest, "signature", sign("li.wei", "sha256:" + "1".repeat(64))))
                .post(path(team.decisionA)).then().statusCode(422)
                .body("message", containsString("does not match what was signed"));
        assertThat(signoffs(team.decisionA).getList("signoffs")).hasSize(2);
    }

    @Test
    @Order(3)
    void aNewCommitOnTheDecisionMakesEverySignoffStaleAndARequiringRepoSaysWhatIsMissing() {
        String before = signoffs(team.decisionA).getString("digest");
        String chainDigest = chain(team.shaA).getString("digest");
        try (TopicFeed feed = new TopicFeed()) {
            feed.send(Topics.COMMITS, team.laterCommitOnA().key(), team.laterCommitOnA());
            TrackedRepo requiring = new TrackedRepo(team.repo, "https://git.example.com/" + team.repo + ".git", "main",
                    List.of(), List.of(), null, null, List.of(), null, null, true);
            feed.send(Topics.REPOS, team.repo, requiring);
        }
        Wait.until("A's second commit and the registration", Duration.ofSeconds(90), () -> commitsOf(team.decisionA) == 2
                && signoffs(team.decisionA).getBoolean("required"));

        JsonPath now = signoffs(team.decisionA);
        assertThat(now.getString("digest")).isNotEqualTo(before);
        assertThat(now.getList("signoffs.state")).containsExactly("stale", "stale");

        JsonPath chain = chain(team.shaA);
        assertThat(chain.getString("digest")).isEqualTo(chainDigest);
        assertThat(chain.getBoolean("complete")).isFalse();
        assertThat(chain.getList("missing", String.class)).anyMatch(missing -> missing.startsWith(
                "no steward sign-off of " + team.decisionA + " is current"));
        assertThat(chain.getList("signoffs.state")).containsExactly("stale", "stale");

        String id = as(steward).contentType(ContentType.JSON).body(Map.of("digest", now.getString("digest")))
                .post(path(team.decisionA)).then().statusCode(201).extract().path("signoff_id");
        chain(team.shaA).getList("missing", String.class).forEach(missing -> assertThat(missing).doesNotContain("steward"));

        as(steward).contentType(ContentType.JSON).body(Map.of("reason", "signed the wrong change"))
                .post(path(team.decisionA) + "/" + id + "/revocation").then().statusCode(200)
                .body("state", is("revoked")).body("revoke_reason", is("signed the wrong change"));
        as(steward).contentType(ContentType.JSON).body(Map.of())
                .post(path(team.decisionA) + "/" + id + "/revocation").then().statusCode(409);
        assertThat(chain(team.shaA).getList("missing", String.class)).anyMatch(missing -> missing.contains("steward"));
        RestAssured.given().get(path(team.decisionA)).then().statusCode(401);
        given().queryParam("action", "signoff.revoke").get("/api/v1/audit").then().statusCode(200)
                .body("target", hasItem(team.decisionA + "/" + id));
        given().get("/api/v1/commits/" + team.repo + "/" + team.shaB).then().statusCode(200)
                .body("$", not(org.hamcrest.Matchers.hasKey("signoffs")));
    }

    @Test
    @Order(4)
    void theChainsListWalksTheRepositoryWithEachChainsSignoffs() {
        JsonPath page = given().queryParam("repo", team.repo).queryParam("since", "2025-03-01")
                .queryParam("until", "2025-03-01").queryParam("limit", 2).get("/api/v1/chains")
                .then().statusCode(200).extract().jsonPath();
        assertThat(page.getList("items")).hasSize(2);
        String next = page.getString("next_cursor");
        assertThat(next).isNotNull();
        JsonPath rest = given().queryParam("repo", team.repo).queryParam("since", "2025-03-01")
                .queryParam("until", "2025-03-01").queryParam("limit", 2).queryParam("cursor", next)
                .get("/api/v1/chains").then().statusCode(200).extract().jsonPath();
        List<String> shas = new java.util.ArrayList<>(page.getList("items.commit.sha", String.class));
        shas.addAll(rest.getList("items.commit.sha", String.class));
        assertThat(shas).containsExactlyInAnyOrder(team.shaA, team.shaB, team.shaE);
        assertThat(rest.getString("next_cursor")).isNull();
        JsonPath chainA = chain(team.shaA);
        int a = shas.indexOf(team.shaA);
        JsonPath holder = a < 2 ? page : rest;
        assertThat(holder.getString("items[" + (a % 2) + "].digest")).isEqualTo(chainA.getString("digest"));
        assertThat(holder.getList("items[" + (a % 2) + "].signoffs")).hasSameSizeAs(chainA.getList("signoffs"));
        given().queryParam("repo", "acme/none-such").get("/api/v1/chains").then().statusCode(404);
        given().queryParam("repo", team.repo).queryParam("signed", "maybe").get("/api/v1/chains").then()
                .statusCode(400);
    }

    @Test
    @Order(5)
    void anEvidenceBundleVerifiesOfflineAndAChangedByteIsNamedWhereItIs() {
        String digest = signoffs(team.decisionA).getString("digest");
        String id = as(steward).contentType(ContentType.JSON).body(Map.of("digest", digest, "comment", "as exported",
                "signature", sign("li.wei", digest))).post(path(team.decisionA)).then().statusCode(201)
                .extract().path("signoff_id");
        NoteKeys.Verifier key = NoteKeys.verifier(given().get("/api/v1/log/key").then().statusCode(200)
                .extract().asString());
        AllowedSigners stewards = AllowedSigners.parse(read(KEYS.resolve("allowed_signers")));
        Wait.until("every sign-off of the bundle in the log", Duration.ofSeconds(60),
                () -> verify(export(), key, stewards).ok());

        List<String> bundle = export();
        int commits = given().queryParam("repo", team.repo).queryParam("since", "2025-01-01").get("/api/v1/commits")
                .then().statusCode(200).extract().jsonPath().getList("items").size();
        assertThat(commits).isGreaterThanOrEqualTo(3);
        BundleVerification.Report report = verify(bundle, key, stewards);
        assertThat(report.problems()).isEmpty();
        assertThat(bundle.get(0)).contains("\"type\":\"header\"").contains(team.repo);
        assertThat(bundle.stream().filter(line -> line.contains("\"type\":\"commit\"")))
                .hasSize(commits).anyMatch(line -> line.contains(team.shaA));
        assertThat(bundle.stream().filter(line -> line.contains("\"type\":\"log_entry\"")).count()).isGreaterThan(3);
        assertThat(bundle.get(bundle.size() - 1)).contains("\"type\":\"seal\"");
        assertThat(report.holds()).anyMatch(holds -> holds.contains(commits + " commits of " + team.repo))
                .anyMatch(holds -> holds.contains("signatures are the stewards' own"));
        assertThat(String.join("\n", bundle)).contains(id);

        int commitA = lineOf(bundle, "\"type\":\"commit\"", team.shaA);
        assertThat(verify(changed(bundle, commitA, "keeps checkout up", "keeps checkout down"), key, stewards).problems())
                .anyMatch(problem -> problem.startsWith("line " + (commitA + 1) + ": commit " + team.shaA
                        + ": its chain's facts digest to"));
        int logged = lineOf(bundle, "\"type\":\"log_entry\"", "as exported");
        assertThat(verify(changed(bundle, logged, "as exported", "as exporter"), key, stewards).problems())
                .anyMatch(problem -> problem.startsWith("line " + (logged + 1) + ": log entry ")
                        && problem.contains("not in the signed checkpoint"));
        int decision = lineOf(bundle, "\"type\":\"decision\"", team.decisionA);
        assertThat(verify(changed(bundle, decision, "as exported", "as exporter"), key, stewards).problems())
                .anyMatch(problem -> problem.startsWith("line " + (decision + 1) + ": sign-off " + id)
                        && problem.contains("not in the log as the bundle has it"));

        List<String> cut = new java.util.ArrayList<>(bundle);
        cut.remove(lineOf(bundle, "\"type\":\"commit\"", team.shaB));
        assertThat(verify(cut, key, stewards).problems()).anyMatch(problem -> problem.contains("the seal counts " + commits + " commits"));
        assertThat(verify(bundle.subList(0, bundle.size() - 1), key, stewards).problems())
                .anyMatch(problem -> problem.contains("cut short"));
        assertThat(verify(bundle, NoteKeys.generate("elsewhere.example/log").verifier(), stewards).problems())
                .anyMatch(problem -> problem.contains("the checkpoint does not verify"));
        as(reader).queryParam("repo", "acme/none-such").get("/api/v1/evidence").then().statusCode(404);
        RestAssured.given().queryParam("repo", team.repo).get("/api/v1/evidence").then().statusCode(401);
    }

    private List<String> export() {
        return List.of(as(reader).queryParam("repo", team.repo).queryParam("since", "2025-01-01")
                .get("/api/v1/evidence").then().statusCode(200)
                .contentType(containsString("application/x-ndjson")).extract().asString().split("\n"));
    }

    private static BundleVerification.Report verify(List<String> bundle, NoteKeys.Verifier key, AllowedSigners trust) {
        return BundleVerification.verify(new StringReader(String.join("\n", bundle) + "\n"), key, trust);
    }

    private static int lineOf(List<String> bundle, String kind, String holding) {
        for (int i = 0; i < bundle.size(); i++) {
            if (bundle.get(i).contains(kind) && bundle.get(i).contains(holding)) {
                return i;
            }
        }
        throw new AssertionError("no " + kind + " line holds " + holding + " in the bundle:\n" + String.join("\n", bundle));
    }

    private static List<String> changed(List<String> bundle, int index, String from, String to) {
        assertThat(bundle.get(index)).contains(from);
        List<String> changed = new java.util.ArrayList<>(bundle);
        changed.set(index, bundle.get(index).replaceFirst(java.util.regex.Pattern.quote(from), to));
        return changed;
    }

    private static String path(String decision) {
        return "/api/v1/decisions/" + decision + "/signoffs";
    }

    private JsonPath signoffs(String decision) {
        return given().get(path(decision)).then().statusCode(200).extract().jsonPath();
    }

    private JsonPath chain(String sha) {
        return given().get("/api/v1/commits/" + team.repo + "/" + sha).then().statusCode(200).extract().jsonPath();
    }

    private int commitsOf(String decision) {
        var answer = given().get(path(decision));
        return answer.statusCode() == 200 ? answer.jsonPath().getInt("commits") : -1;
    }

    private static RequestSpecification as(String token) {
        return RestAssured.given().header("Authorization", "Bearer " + token);
    }

    private static String mint(String name, String role) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("name", name, "role", role, "expires_in", "1h"))
                .post("/api/v1/tokens").then().statusCode(201).extract().path("secret");
    }

    private static String newKey(String name) {
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", KEYS.resolve(name).toString());
        String[] pub = read(KEYS.resolve(name + ".pub")).strip().split(" ");
        return pub[0] + " " + pub[1];
    }

    private static String sign(String key, String message) {
        Path file = KEYS.resolve("message-" + System.nanoTime());
        write(file, message);
        run("ssh-keygen", "-q", "-Y", "sign", "-n", "decisionlog", "-f", KEYS.resolve(key).toString(), file.toString());
        return read(Path.of(file + ".sig"));
    }

    private static String fingerprint(String key) {
        return run("ssh-keygen", "-l", "-f", KEYS.resolve(key + ".pub").toString()).split(" ")[1];
    }

    private static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(command[0] + " is needed by this test (Debian: openssh-client)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
