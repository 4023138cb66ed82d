package io.decisionlog.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.decisionlog.events.Json;
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
import static io.decisionlog.cli.StubServer.text;
import static org.assertj.core.api.Assertions.assertThat;

/** Every command's arguments, output and exit code, against a stub HTTP server or a closed port. */
class MainTest {
    private StubServer stub;
    private final Map<String, String> env = new HashMap<>();


    @BeforeEach
    void start() throws IOException {
        stub = new StubServer();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private CliRun run(String... args) {
        return CliRun.of(new Http(Duration.ofSeconds(10), List.of(Duration.ZERO, Duration.ZERO)), env, List.of(args));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    // --- usage ------------------------------------------------------------------------------------------------

    @Test
    void shouldPrintTheUsageOnStderrAndExit2WithoutACommand() {
        CliRun result = run();

        assertThat(result.exitCode()).isEqualTo(Exit.USAGE);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).startsWith("usage: decisionlog COMMAND").contains("trace PATH:LINE", "demo-load --data-dir DIR");
    }

    @Test
    void shouldPrintTheUsageOnStdoutAndExit0ForHelp() {
        assertThat(run("help").exitCode()).isEqualTo(Exit.OK);
        assertThat(run("--help").out()).contains("exit codes: 0 ok, 1 not found or not complete, 2 usage, 3 service"
                + " unreachable, 4 validation failed");
        CliRun trace = run("trace", "--help");
        assertThat(trace.exitCode()).isEqualTo(Exit.OK);
        assertThat(trace.out()).startsWith("usage: decisionlog trace PATH:LINE");
    }

    @Test
    void shouldExit2ForAnUnknownCommand() {
        CliRun result = run("frobnicate");

        assertThat(result.exitCode()).isEqualTo(Exit.USAGE);
        assertThat(result.err()).startsWith("decisionlog: unknown command 'frobnicate'\nusage: decisionlog COMMAND");
    }

    @Test
    void shouldExit2ForALineThatIsNotALine() {
        for (String spec : List.of("config/a.yaml", "config/a.yaml:x", "config/a.yaml:0", ":3")) {
            CliRun result = run("trace", spec, "--repo", "acme/payments", "--url", stub.url());
            assertThat(result.exitCode()).as(spec).isEqualTo(Exit.USAGE);
            assertThat(result.err()).as(spec).startsWith("decisionlog: ").contains("usage: decisionlog trace PATH:LINE");
        }
        assertThat(run("trace", "a.yaml:1", "--repo", "not-a-repo").err()).contains("--repo must name a repository");
        assertThat(run("trace", "a.yaml:1", "--json", "--mermaid", "--repo", "acme/x").err())
                .contains("--json and --mermaid exclude each other");
        assertThat(stub.requests).isEmpty();
    }

    // --- trace ------------------------------------------------------------------------------------------------

    @Test
    void shouldExit3WithAMessageWhenTraceMeetsAClosedPort() throws IOException {
        int port = closedPort();
        CliRun result = run("trace", "config/payments.yaml:16", "--repo", "acme/payments", "--url", "http://127.0.0.1:" + port);

        assertThat(result.exitCode()).isEqualTo(Exit.UNREACHABLE);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("decisionlog: cannot reach decision-graph at http://127.0.0.1:" + port
                + " (connection refused): is the stack up? (./decisionlog up, ./decisionlog status)\n");
    }

    @Test
    void shouldExit3WhenTheRepositoryCannotBeLookedUp() throws IOException {
        CliRun result = run("trace", "config/payments.yaml:16", "--url", stub.url(), "--blame-url", "http://127.0.0.1:" + closedPort());

        assertThat(result.exitCode()).isEqualTo(Exit.UNREACHABLE);
        assertThat(result.err()).contains("cannot reach blame-ingester", "name the repository with --repo OWNER/NAME");
    }

    @Test
    void shouldRenderACompleteChainAndExit0() {
        stub.on("GET /api/v1/trace", json(200, ChainRendererTest.json("trace-complete.json")));

        CliRun result = run("trace", "./config/payments.yaml:16", "--repo", "acme/payments", "--url", stub.url() + "/");

        assertThat(result.exitCode()).isEqualTo(Exit.OK);
        assertThat(result.out()).startsWith("config/payments.yaml:16  callback_retries: 5\n").endsWith("  complete\n");
        assertThat(result.err()).isEmpty();
        assertThat(stub.requests).singleElement().satisfies(request -> assertThat(request.uri())
                .isEqualTo("/api/v1/trace?repo=acme%2Fpayments&path=config%2Fpayments.yaml&line=16"));
    }

    @Test
    void shouldExit1WhenTheChainIsNotComplete() {
        stub.on("GET /api/v1/trace", json(200, ChainRendererTest.json("trace-gap.json")));

        CliRun result = run("trace", "config/gateway.properties:5", "--repo", "acme/payments", "--url", stub.url());

        assertThat(result.exitCode()).isEqualTo(Exit.NOT_FOUND);
        assertThat(result.out()).contains("  missing: no CI run for this commit\n");
    }

    @Test
    void shouldPrintTheApisMessageAndExit1ForAnUnknownLineAnd2ForALineOutOfRange() {
        stub.on("GET /api/v1/trace", json(404, "{\"error\":\"not_found\",\"message\":\"no file nope.yaml in acme/payments\"}"));
        CliRun unknown = run("trace", "nope.yaml:1", "--repo", "acme/payments", "--url", stub.url());
        assertThat(unknown.exitCode()).isEqualTo(Exit.NOT_FOUND);
        assertThat(unknown.err()).isEqualTo("decisionlog: acme/payments nope.yaml:1: no file nope.yaml in acme/payments\n");

        stub.on("GET /api/v1/trace", json(400, "{\"message\":\"line 99 is out of range: the file has 31 lines\"}"));
        CliRun outOfRange = run("trace", "config/payments.yaml:99", "--repo", "acme/payments", "--url", stub.url());
        assertThat(outOfRange.exitCode()).isEqualTo(Exit.USAGE);
        assertThat(outOfRange.err()).isEqualTo("decisionlog: acme/payments config/payments.yaml:99: line 99 is out of range:"
                + " the file has 31 lines\n");
    }

    @Test
    void shouldPrintTheJsonOrTheMermaidDiagram() throws IOException {
        stub.on("GET /api/v1/trace", json(200, ChainRendererTest.json("trace-complete.json")));
        CliRun asJson = run("trace", "config/payments.yaml:16", "--repo", "acme/payments", "--json", "--url", stub.url());
        assertThat(asJson.exitCode()).isEqualTo(Exit.OK);
        JsonNode printed = Json.MAPPER.readTree(asJson.out());
        assertThat(printed.path("blame").path("sha").asText()).startsWith("60074a6");
        assertThat(asJson.out()).contains("\n  \"repo\" : \"acme/payments\"");

        stub.on("GET /api/v1/trace", text(200, "flowchart LR\n  line --> commit"));
        CliRun mermaid = run("trace", "config/payments.yaml:16", "--repo", "acme/payments", "--mermaid", "--url", stub.url());
        assertThat(mermaid.exitCode()).isEqualTo(Exit.OK);
        assertThat(mermaid.out()).isEqualTo("flowchart LR\n  line --> commit\n");
        assertThat(stub.requests.get(stub.requests.size() - 1).uri()).endsWith("&line=16&format=mermaid");
    }

    @Test
    void shouldUseTheOnlyTrackedRepositoryWhenNoneIsNamed() {
        stub.on("GET /api/v1/repos", json(200, "[{\"repo\":\"acme/payments\",\"url\":\"/srv/payments\",\"branch\":\"main\","
                + "\"state\":\"idle\",\"files_done\":6,\"files_total\":6}]"));
        stub.on("GET /api/v1/trace", json(200, ChainRendererTest.json("trace-complete.json")));

        CliRun result = run("trace", "config/payments.yaml:16", "--url", stub.url(), "--blame-url", stub.url());

        assertThat(result.exitCode()).isEqualTo(Exit.OK);
        assertThat(stub.requests).extracting(StubServer.Request::uri)
                .containsExactly("/api/v1/repos", "/api/v1/trace?repo=acme%2Fpayments&path=config%2Fpayments.yaml&line=16");
    }

    @Test
    void shouldExit2ListingTheRepositoriesWhenSeveralOrNoneAreTracked() {
        stub.on("GET /api/v1/repos", json(200, "[{\"repo\":\"acme/payments\"},{\"repo\":\"acme/checkout\"}]"));
        CliRun several = run("trace", "config/payments.yaml:16", "--url", stub.url(), "--blame-url", stub.url());
        assertThat(several.exitCode()).isEqualTo(Exit.USAGE);
        assertThat(several.err()).isEqualTo("decisionlog: several repositories are tracked; name one with --repo:"
                + " acme/payments, acme/checkout\n");

        stub.on("GET /api/v1/repos", json(200, "[]"));
        CliRun none = run("trace", "config/payments.yaml:16", "--url", stub.url(), "--blame-url", stub.url());
        assertThat(none.exitCode()).isEqualTo(Exit.USAGE);
        assertThat(none.err()).contains("no repository is tracked yet");
    }

    @Test
    void shouldRetryA503AndExit3WhenItLasts() {
        stub.on("GET /api/v1/trace", json(503, "{\"message\":\"Kafka is away\"}"),
                json(200, ChainRendererTest.json("trace-complete.json")));
        assertThat(run("trace", "config/payments.yaml:16", "--repo", "acme/payments", "--url", stub.url()).exitCode())
                .isEqualTo(Exit.OK);
        assertThat(stub.requests).hasSize(2);

        stub.requests.clear();
        stub.on("GET /api/v1/trace", json(503, "{\"message\":\"Kafka is away\"}"));
        CliRun lasting = run("trace", "config/payments.yaml:16", "--repo", "acme/payments", "--url", stub.url());
        assertThat(lasting.exitCode()).isEqualTo(Exit.UNREACHABLE);
        assertThat(lasting.err()).isEqualTo("decisionlog: decision-graph answered 503: Kafka is away\n");
        assertThat(stub.requests).hasSize(3);
    }

    // --- validate ---------------------------------------------------------------------------------------------

    @Test
    void shouldReportEachFileCompilerStyleAndExit4WhenOneIsInvalid(@TempDir Path dir) throws IOException {
        Path good = Files.writeString(dir.resolve("good.yaml"), "meeting: a\ndecisions: []\n");
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "meeting: b\n  oops\n");
        stub.on("POST /api/v1/minutes/validate",
                json(200, "{\"valid\":true,\"decisions\":[{\"decision_id\":\"D-2024-001\"}],\"errors\":[],"
                        + "\"warnings\":[{\"message\":\"unknown field 'foo' is ignored\",\"line\":3,\"column\":1}]}"),
                json(422, "{\"valid\":false,\"decisions\":[],\"errors\":[{\"message\":\"the decision has no title: 'title:'"
                        + " is required\",\"line\":8,\"column\":5},{\"message\":\"the file is empty\",\"line\":0,"
                        + "\"column\":0}],\"warnings\":[]}"));

        CliRun result = run("validate", good.toString(), bad.toString(), "--url", stub.url());

        assertThat(result.exitCode()).isEqualTo(Exit.INVALID);
        assertThat(result.out()).isEqualTo(good + ": ok (1 decision)\n"
                + good + ":3:1: warning: unknown field 'foo' is ignored\n"
                + bad + ":8:5: the decision has no title: 'title:' is required\n"
                + bad + ": the file is empty\n");
        assertThat(result.err()).isEqualTo("1 of 2 files invalid\n");
        assertThat(stub.requests).hasSize(2);
        assertThat(stub.requests.get(1).body()).isEqualTo("meeting: b\n  oops\n");
        assertThat(stub.requests.get(1).uri()).startsWith("/api/v1/minutes/validate?path=").endsWith("bad.yaml");
    }

    @Test
    void shouldExit0WhenEveryFileIsValidAnd2WhenOneCannotBeRead(@TempDir Path dir) throws IOException {
        Path good = Files.writeString(dir.resolve("good.yaml"), "decision_id: D-2024-001\n");
        stub.on("POST /api/v1/minutes/validate", json(200, "{\"valid\":true,\"decisions\":[{},{}],\"errors\":[],\"warnings\":[]}"));
        CliRun ok = run("validate", good.toString(), "--url", stub.url());
        assertThat(ok.exitCode()).isEqualTo(Exit.OK);
        assertThat(ok.out()).isEqualTo(good + ": ok (2 decisions)\n");

        stub.requests.clear();
        CliRun missing = run("validate", good.toString(), dir.resolve("nope.yaml").toString(), "--url", stub.url());
        assertThat(missing.exitCode()).isEqualTo(Exit.USAGE);
        assertThat(missing.err()).contains("cannot read " + dir.resolve("nope.yaml") + ": no such file");
        assertThat(stub.requests).isEmpty();
        assertThat(run("validate").exitCode()).isEqualTo(Exit.USAGE);
    }

    // --- register-repo / register-minutes ---------------------------------------------------------------------

    @Test
    void shouldRegisterARepositoryWithAnAbsolutePathAndItsGlobs(@TempDir Path dir) throws IOException {
        stub.on("POST /api/v1/repos", json(202, "{\"repo\":\"acme/payments\",\"url\":\"x\",\"branch\":\"release\","
                + "\"state\":\"syncing\",\"files_done\":0,\"files_total\":0}"));

        CliRun result = run("register-repo", "acme/payments", dir.toString(), "--branch", "release", "--include", "config/**",
                "--include", "deploy/**", "--exclude", "**/*.png", "--url", stub.url());

        assertThat(result.exitCode()).isEqualTo(Exit.OK);
        assertThat(result.out()).isEqualTo("acme/payments (release): registered with the blame-ingester, syncing\n");
        JsonNode body = Json.MAPPER.readTree(stub.requests.get(0).body());
        assertThat(body.path("repo").asText()).isEqualTo("acme/payments");
        assertThat(body.path("url").asText()).isEqualTo(dir.toAbsolutePath().normalize().toString());
        assertThat(body.path("branch").asText()).isEqualTo("release");
        assertThat(body.path("include")).extracting(JsonNode::asText).containsExactly("config/**", "deploy/**");
        assertThat(body.path("exclude")).extracting(JsonNode::asText).containsExactly("**/*.png");
        assertThat(stub.requests.get(0).header("Content-Type")).isEqualTo("application/json");
    }

    @Test
    void shouldPrintTheServicesRefusalAndExit2() {
        stub.on("POST /api/v1/repos", json(400, "{\"error\":\"bad_request\",\"message\":\"branch 'main' does not exist in"
                + " https://example.com/x.git\"}"));

        CliRun result = run("register-repo", "acme/x", "https://example.com/x.git", "--url", stub.url());

        assertThat(result.exitCode()).isEqualTo(Exit.USAGE);
        assertThat(result.err()).isEqualTo("decisionlog: blame-ingester refused the registration (400): branch 'main' does"
                + " not exist in https://example.com/x.git\n");
        assertThat(run("register-repo", "payments", "https://example.com/x.git").err()).contains("is not a repository id");
        assertThat(run("register-repo", "acme/x", "/no/such/dir").err()).contains("neither a URL nor an existing local path");
    }

    @Test
    void shouldRegisterMinutesAndShowTheRejectedFiles() throws IOException {
        stub.on("POST /api/v1/sources", json(201, "{\"source\":\"acme/minutes\",\"url\":\"https://git.example.com/m.git\","
                + "\"branch\":\"main\",\"include\":[\"minutes/**/*.yaml\"],\"head_commit\":\"70f40c8aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\","
                + "\"files_accepted\":2,\"files_rejected\":1,\"decisions_published\":4,\"rejected_files\":[{\"path\":"
                + "\"minutes/2024/bad.yaml\",\"errors\":[{\"message\":\"expected <block end>\",\"line\":8,\"column\":4}]}]}"));

        CliRun result = run("register-minutes", "acme/minutes", "https://git.example.com/m.git", "--include", "minutes/**/*.yaml",
                "--url", stub.url());

        assertThat(result.exitCode()).isEqualTo(Exit.OK);
        assertThat(result.out()).isEqualTo("acme/minutes (main): registered with the minutes-ingester, head 70f40c8,"
                + " 2 file(s) accepted, 1 rejected, 4 decision(s)\n"
                + "  rejected minutes/2024/bad.yaml:8:4: expected <block end>\n");
        JsonNode body = Json.MAPPER.readTree(stub.requests.get(0).body());
        assertThat(body.path("source").asText()).isEqualTo("acme/minutes");
        assertThat(body.path("include")).extracting(JsonNode::asText).containsExactly("minutes/**/*.yaml");
    }

    // --- demo-load --------------------------------------------------------------------------------------------

    @Test
    void shouldRequireADataDirForTheDemo() {
        CliRun result = run("demo-load");

        assertThat(result.exitCode()).isEqualTo(Exit.USAGE);
        assertThat(result.err()).contains("--data-dir DIR is required", "usage: decisionlog demo-load");
    }

    @Test
    void shouldBuildTheSampleTeamThenExit3WhenTheStackIsDown(@TempDir Path dir) throws IOException {
        String closed = "http://127.0.0.1:" + closedPort();

        CliRun result = run("demo-load", "--data-dir", dir.toString(), "--blame-url", closed, "--minutes-url", closed,
                "--ci-url", closed, "--graph-url", closed);

        assertThat(result.exitCode()).isEqualTo(Exit.UNREACHABLE);
        assertThat(result.err()).startsWith("decisionlog: cannot reach blame-ingester at " + closed);
        assertThat(result.out()).contains("building a sample team in " + dir.resolve("demo"), "acme/payments   12 commits");
        assertThat(dir.resolve("demo/payments/.git")).isDirectory();
        assertThat(dir.resolve("demo/minutes/minutes/2024/2024-04-10-arch-sync.yaml")).isRegularFile();
    }
}
