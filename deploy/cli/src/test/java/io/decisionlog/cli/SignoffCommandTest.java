package io.decisionlog.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.decisionlog.events.Json;
import io.decisionlog.events.signing.AllowedSigners;
import io.decisionlog.events.signing.SshVerdict;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static io.decisionlog.cli.StubServer.json;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code signoff} against a stub decision-graph, with a key made by ssh-keygen and the signature checked here. */
class SignoffCommandTest {
    private static final String DIGEST = "sha256:" + "5e".repeat(32);
    private static final String VIEW = "{\"decision_id\":\"D-2024-087\",\"repo\":\"acme/payments\",\"digest\":\"" + DIGEST
            + "\",\"commits\":2,\"required\":true,\"signoffs\":[{\"signoff_id\":\"s1\",\"steward\":\"ana\",\"digest\":"
            + "\"sha256:00\",\"comment\":\"first look\",\"signed_at\":\"2026-12-01T10:00:00Z\",\"state\":\"stale\"}]}";

    @TempDir
    Path dir;
    private StubServer stub;

    @BeforeEach
    void start() throws IOException {
        stub = new StubServer();
        stub.on("GET /api/v1/decisions/D-2024-087/signoffs", json(200, VIEW));
    }

    @AfterEach
    void stop() {
        stub.close();
    }


    private CliRun run(String... args) {
        return CliRun.as("dl_steward", args);
    }

    @Test
    void shouldSignTheDigestItShowsWithTheStewardsKey() throws Exception {
        stub.on("POST /api/v1/decisions/D-2024-087/signoffs", json(201, "{\"signoff_id\":\"s2\",\"state\":\"current\","
                + "\"signature\":{\"key_fingerprint\":\"SHA256:abc\"}}"));
        Path key = dir.resolve("id_ed25519");
        Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "li.wei", "-f",
                key.toString()).redirectErrorStream(true).start();
        assertThat(keygen.waitFor()).as("ssh-keygen (Debian: openssh-client) makes the steward's key").isZero();

        CliRun result = run("signoff", "D-2024-087", "--comment", "read both runs", "--sign-with", key.toString(),
                "--url", stub.url());

        assertThat(result.exitCode()).as(result.err()).isEqualTo(Exit.OK);
        assertThat(result.out()).contains("D-2024-087 in acme/payments: 2 commits, digest " + DIGEST,
                "requires a sign-off", "stale  2026-12-01T10:00:00Z  ana: first look",
                "signed off D-2024-087 in acme/payments at " + DIGEST + " (s2, SSH signature by SHA256:abc)");
        JsonNode sent = Json.MAPPER.readTree(stub.requests.get(1).body());
        assertThat(sent.path("digest").asText()).isEqualTo(DIGEST);
        assertThat(sent.path("repo").asText()).isEqualTo("acme/payments");
        assertThat(sent.path("comment").asText()).isEqualTo("read both runs");
        String[] pub = Files.readString(Path.of(key + ".pub")).split(" ");
        SshVerdict verdict = SshVerdict.check(sent.path("signature").asText(), DIGEST.getBytes(StandardCharsets.UTF_8),
                "decisionlog", "li.wei", AllowedSigners.parse("li.wei " + pub[0] + " " + pub[1]), Instant.now());
        assertThat(verdict.verified()).as(verdict.reason()).isTrue();
    }

    @Test
    void shouldOnlyShowWithShowAndSayWhyASignoffWasRefused() {
        CliRun shown = run("signoff", "D-2024-087", "--show", "--url", stub.url());
        assertThat(shown.exitCode()).isEqualTo(Exit.OK);
        assertThat(stub.requests).hasSize(1);

        stub.on("POST /api/v1/decisions/D-2024-087/signoffs", json(409, "{\"message\":\"the chain of D-2024-087 in "
                + "acme/payments changed after the digest you reviewed\"}"));
        CliRun refused = run("signoff", "D-2024-087", "--url", stub.url());
        assertThat(refused.exitCode()).isEqualTo(Exit.USAGE);
        assertThat(refused.err()).contains("refused the sign-off (409): the chain of D-2024-087");
        assertThat(run("signoff", "D-2024-087", "--sign-with", dir.resolve("nope").toString(), "--url", stub.url())
                .err()).contains("cannot read the key");
    }
}
