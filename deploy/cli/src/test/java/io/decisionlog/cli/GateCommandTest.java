package io.decisionlog.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.decisionlog.events.Json;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.decisionlog.cli.StubServer.json;
import static org.assertj.core.api.Assertions.assertThat;

/** The gate on a real git repository (JGit), against a stub decision-graph: what it reads, asks, prints and exits. */
class GateCommandTest {
    private static final String POLICY = """
            governed: ["config/**"]
            require: commit
            """;
    private static final String APP = "a: 1\nb: 2\nc: 3\nd: 4\ne: 5\nf: 6\ng: 7\nh: 8\ni: 9\nj: 10\n";
    private static final String ACCEPTED = "{\"decision_id\":\"D-2024-087\",\"counts\":true,\"status\":\"accepted\","
            + "\"title\":\"Gray-release the downgrade switch\",\"minutes_path\":\"minutes/2024/arch-sync.yaml\"}";

    @TempDir
    Path dir;
    private StubServer stub;
    private Git git;
    private final Map<String, String> env = new HashMap<>();
    private String base;


    @BeforeEach
    void start() throws Exception {
        stub = new StubServer();
        stub.on("POST /api/v1/ci-runs", json(202, "{\"status\":\"accepted\"}"));
        git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
        write(".decisionlog.yaml", POLICY);
        write("config/app.yaml", APP);
        write("README.md", "hello\n");
        base = commit("Initial layout").name();
    }

    @AfterEach
    void stop() {
        stub.close();
        git.close();
    }

    @Test
    void shouldNameTheHunkOfTheCommitWithoutADecisionAndWriteSarif() throws Exception {
        write("config/app.yaml", APP.replace("c: 3", "c: 30"));
        commit("Raise c\n\nDecision: D-2024-087");
        write("config/app.yaml", APP.replace("c: 3", "c: 30").replace("h: 8\ni: 9", "h: 80\ni: 90"));
        RevCommit untraced = commit("Raise h and i");
        write("README.md", "hello again\n");
        commit("Docs only");
        stub.on("POST /api/v1/gate", json(200, "{\"repo\":\"acme/payments\",\"statuses\":[\"accepted\"],\"decisions\":["
                + ACCEPTED + "]}"));

        Path sarif = dir.resolve("out/gate.sarif");
        CliRun result = gate("--sarif", sarif.toString(), "--json", dir.resolve("out/gate.json").toString());

        assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(Exit.NOT_FOUND);
        assertThat(result.out()).contains(
                "config/app.yaml:3 — covered by D-2024-087 (accepted: Gray-release the downgrade switch), minutes "
                        + "minutes/2024/arch-sync.yaml",
                "config/app.yaml:8-9 — no decision: add `Decision: D-…` to the message of commit "
                        + untraced.abbreviate(7).name() + " (\"Raise h and i\")",
                "  + h: 80", "FAIL: 1 of 2 governed changes have no decision that counts");
        assertThat(result.out()).doesNotContain("README.md");
        assertThat(stub.requests.get(0).body()).contains("\"decision_ids\":[\"D-2024-087\"]", "\"statuses\":[\"accepted\"]",
                "\"signoff\":false");

        JsonNode results = Json.MAPPER.readTree(sarif.toFile()).path("runs").get(0).path("results");
        assertThat(results).hasSize(1);
        assertThat(results.get(0).path("ruleId").asText()).isEqualTo("DL1001");
        JsonNode region = results.get(0).path("locations").get(0).path("physicalLocation").path("region");
        assertThat(region.path("startLine").asInt()).isEqualTo(8);
        assertThat(region.path("endLine").asInt()).isEqualTo(9);
        JsonNode report = Json.MAPPER.readTree(dir.resolve("out/gate.json").toFile());
        assertThat(report.path("verdict").asText()).isEqualTo("fail");
        assertThat(report.path("findings").get(0).path("commit").asText()).isEqualTo(untraced.name());

        JsonNode recorded = Json.MAPPER.readTree(stub.requests.get(1).body());
        assertThat(stub.requests.get(1).uri()).isEqualTo("/api/v1/ci-runs");
        assertThat(recorded.path("provider").asText()).isEqualTo("decisionlog-gate");
        assertThat(recorded.path("conclusion").asText()).isEqualTo("failure");
        assertThat(recorded.path("head_sha").asText()).isEqualTo(git.getRepository().resolve("HEAD").name());
    }

    @Test
    void shouldPassARangeWhosePullRequestTitleNamesAnAcceptedDecision() throws Exception {
        write(".decisionlog.yaml", "governed: [\"config/**\"]\nrequire: pull_request\n");
        base = commit("Govern the range as a whole").name();
        write("config/app.yaml", APP.replace("j: 10", "j: 100"));
        commit("Raise j");
        env.put("DECISIONLOG_PR_TITLE", "Raise j, as D-2024-087 says");
        stub.on("POST /api/v1/gate", json(200, "{\"decisions\":[" + ACCEPTED + "]}"));

        CliRun result = gate();

        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        assertThat(result.out()).contains("config/app.yaml:10 — covered by D-2024-087", "PASS: 1 governed change, covered");
        JsonNode recorded = Json.MAPPER.readTree(stub.requests.get(1).body());
        assertThat(recorded.path("conclusion").asText()).isEqualTo("success");
        assertThat(recorded.path("decision_ids").get(0).asText()).isEqualTo("D-2024-087");
    }

    @Test
    void shouldAskForAStewardsSignoffWhenThePolicySaysSoAndSayWhoGaveIt() throws Exception {
        write(".decisionlog.yaml", POLICY + "signoff: true\n");
        base = commit("Ask for sign-offs").name();
        write("config/app.yaml", APP.replace("b: 2", "b: 20"));
        commit("Raise b\n\nDecision: D-2024-087");
        stub.on("POST /api/v1/gate", json(200, "{\"signoff\":true,\"decisions\":[" + ACCEPTED.replace("}",
                ",\"signed_off_by\":[\"li.wei\"]}") + "]}"));

        CliRun result = gate();

        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        assertThat(stub.requests.get(0).body()).contains("\"signoff\":true");
        assertThat(result.out()).contains("config/app.yaml:2 — covered by D-2024-087 (accepted: Gray-release the "
                + "downgrade switch, signed off by li.wei)");
    }

    @Test
    void shouldFailSayingWhyADecisionThatExistsDoesNotCount() throws Exception {
        write("config/app.yaml", APP.replace("a: 1", "a: 0"));
        commit("Queue callbacks\n\nDecision: D-2024-088");
        stub.on("POST /api/v1/gate", json(200, "{\"decisions\":[{\"decision_id\":\"D-2024-088\",\"counts\":false,"
                + "\"status\":\"rejected\",\"reason\":\"D-2024-088 is rejected (counts: accepted); minutes: m.yaml\"}]}"));

        CliRun result = gate();

        assertThat(result.exitCode()).isEqualTo(Exit.NOT_FOUND);
        assertThat(result.out()).contains("config/app.yaml:1 — D-2024-088 is rejected (counts: accepted); minutes: m.yaml");
    }

    @Test
    void shouldPassAChangeToUngovernedPathsWithoutAskingAnyone() throws Exception {
        write("README.md", "only docs\n");
        commit("Docs");

        CliRun result = gate("--no-record");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("PASS: no governed path changed");
        assertThat(stub.requests).isEmpty();
    }

    @Test
    void shouldRefuseAnInvalidPolicyAtItsLineAndColumnRatherThanGovernNothing() throws Exception {
        write(".decisionlog.yaml", "governed: [\"config/**\"]\nrequire: sometimes\n");
        write("config/app.yaml", APP.replace("a: 1", "a: 0"));
        String head = commit("Loosen the policy").abbreviate(7).name();

        CliRun result = gate();

        assertThat(result.exitCode()).isEqualTo(Exit.USAGE);
        assertThat(result.err()).contains(".decisionlog.yaml at " + head + ":2:10: require must be commit or "
                + "pull_request, not 'sometimes'");
        assertThat(stub.requests).isEmpty();
    }

    @Test
    void shouldNeverPassWhenDecisionGraphCannotBeAskedUnlessAllowedOffline() throws Exception {
        write("config/app.yaml", APP.replace("a: 1", "a: 0"));
        commit("Raise a\n\nDecision: D-2024-087");
        String closed = "http://127.0.0.1:" + closedPort();

        CliRun down = gate("--url", closed);
        assertThat(down.exitCode()).isEqualTo(Exit.UNREACHABLE);
        assertThat(down.err()).contains("cannot reach decision-graph");

        CliRun offline = gate("--url", closed, "--allow-offline");
        assertThat(offline.exitCode()).isZero();
        assertThat(offline.out()).contains("names D-2024-087 (not verified)", "PASS, NOT VERIFIED (--allow-offline)");

        write("config/app.yaml", APP.replace("a: 1", "a: 2"));
        commit("Raise a again, saying nothing");
        CliRun untraced = gate("--url", closed, "--allow-offline");
        assertThat(untraced.exitCode()).as("a change without any decision fails offline too").isEqualTo(Exit.NOT_FOUND);
    }

    @Test
    void shouldApplyTheRegistrationsRulesWhenTheHeadHasNoPolicyFile() throws Exception {
        Files.delete(dir.resolve(".decisionlog.yaml"));
        write("config/app.yaml", APP.replace("b: 2", "b: 20"));
        String head = commit("Drop the policy file, raise b").abbreviate(7).name();
        stub.on("GET /api/v1/gate/policy", json(200, "{\"repo\":\"acme/payments\",\"gate\":{\"governed\":"
                + "[\"config/**\"],\"require\":\"commit\",\"statuses\":[\"accepted\"]}}"));
        stub.on("POST /api/v1/gate", json(200, "{\"decisions\":[]}"));

        CliRun result = gate("--no-record");

        assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(Exit.NOT_FOUND);
        assertThat(result.out()).contains("policy: the registration of acme/payments (no .decisionlog.yaml at " + head
                + "): governed config/**", "config/app.yaml:2 — no decision");
        assertThat(stub.requests.get(0).uri()).isEqualTo("/api/v1/gate/policy?repo=acme%2Fpayments");

        stub.on("GET /api/v1/gate/policy", json(200, "{\"repo\":\"acme/payments\"}"));
        CliRun ungoverned = gate("--no-record");
        assertThat(ungoverned.exitCode()).isZero();
        assertThat(ungoverned.out()).contains("and the registration of acme/payments sets no gate rules — nothing is "
                + "governed", "PASS: no governed path changed");

        stub.on("GET /api/v1/gate/policy", json(404, "{\"message\":\"repository acme/payments is not known\"}"));
        CliRun unknown = gate("--no-record");
        assertThat(unknown.exitCode()).isEqualTo(Exit.USAGE);
        assertThat(unknown.err()).contains("repository acme/payments is not known");
    }

    private CliRun gate(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("gate", "--repo", "acme/payments", "--base", base,
                "--dir", dir.toString(), "--url", stub.url(), "--ci-url", stub.url()));
        args.addAll(List.of(extra));
        // the later --url wins: a test may point decision-graph elsewhere
        return CliRun.of(new Http(Duration.ofSeconds(10), List.of(Duration.ZERO)), env, args);
    }

    private void write(String path, String text) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private RevCommit commit(String message) throws Exception {
        git.add().addFilepattern(".").call();
        PersonIdent who = new PersonIdent("Li Wei", "li.wei@acme.example");
        return git.commit().setMessage(message).setAuthor(who).setCommitter(who).call();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
