package io.decisionlog.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.decisionlog.cli.StubServer.json;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code evidence} against a stub decision-graph: the bundle streamed to a file, a refusal leaving no file. */
class EvidenceCommandTest {
    private static final String BUNDLE = "{\"kind\":\"header\",\"repo\":\"acme/payments\"}\n"
            + "{\"kind\":\"seal\",\"commits\":0}\n";

    @TempDir
    Path dir;
    private StubServer stub;

    @BeforeEach
    void start() throws IOException {
        stub = new StubServer();
    }

    @AfterEach
    void stop() {
        stub.close();
    }


    private CliRun run(String... args) {
        return CliRun.as("dl_reader", args);
    }

    @Test
    void shouldWriteTheBundleToAFileAndSayHowToCheckIt() throws IOException {
        stub.on("GET /api/v1/evidence", new StubServer.Answer(200, "application/x-ndjson", BUNDLE));
        Path out = dir.resolve("bundle.jsonl");

        CliRun result = run("evidence", "--repo", "acme/payments", "--since", "2026-01-01", "--until", "2026-06-30",
                "--out", out.toString(), "--url", stub.url());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(Files.readString(out)).isEqualTo(BUNDLE);
        assertThat(stub.requests.get(0).uri())
                .isEqualTo("/api/v1/evidence?repo=acme%2Fpayments&since=2026-01-01&until=2026-06-30");
        assertThat(stub.requests.get(0).header("Authorization")).isEqualTo("Bearer dl_reader");
        assertThat(result.out()).contains("wrote " + out + " (" + BUNDLE.length() + " bytes)",
                "./decisionlog verify " + out + " --key");
        try (var files = Files.list(dir)) {
            assertThat(files.map(path -> path.getFileName().toString())).containsExactly("bundle.jsonl");
        }
    }

    @Test
    void shouldSayWhyAnExportWasRefusedAndLeaveNoFile() throws IOException {
        stub.on("GET /api/v1/evidence", json(404, "{\"error\":\"not_found\",\"message\":\"repository acme/other is "
                + "not known\"}"));
        Path out = dir.resolve("bundle.jsonl");

        CliRun result = run("evidence", "--repo", "acme/other", "--out", out.toString(), "--url", stub.url());

        assertThat(result.exitCode()).as("a refusal").isEqualTo(Exit.USAGE);
        assertThat(result.err()).contains("refused the export of acme/other (404): repository acme/other is not known");
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
        assertThat(run("evidence", "--url", stub.url()).err()).contains("--repo is required");
    }
}
