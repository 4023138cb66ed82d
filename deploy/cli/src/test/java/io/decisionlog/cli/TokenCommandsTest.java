package io.decisionlog.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.decisionlog.events.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.decisionlog.cli.StubServer.json;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code token create|list|revoke} against a stub decision-graph, and which token the client sends. */
class TokenCommandsTest {
    private StubServer stub;

    @BeforeEach
    void start() throws IOException {
        stub = new StubServer();
    }

    @AfterEach
    void stop() {
        stub.close();
    }


    private CliRun run(String token, String... args) {
        return CliRun.as(token, args);
    }

    @Test
    void shouldMintATokenPrintingOnlyItsSecretOnStdout() throws IOException {
        stub.on("POST /api/v1/tokens", json(201, "{\"token\":{\"id\":\"tok_1\",\"role\":\"reader\",\"repos\":"
                + "[\"acme/payments\"],\"expires_at\":\"2027-01-01T00:00:00Z\"},\"secret\":\"dl_secret\"}"));

        CliRun result = run("dl_admin", "token", "create", "--role", "reader", "--repos", "acme/payments",
                "--expires", "30d", "--url", stub.url());

        assertThat(result.exitCode()).isEqualTo(Exit.OK);
        assertThat(result.out()).isEqualTo("dl_secret\n");
        assertThat(result.err()).contains("minted tok_1 (reader", "shown this once");
        StubServer.Request sent = stub.requests.get(0);
        assertThat(sent.header("Authorization")).isEqualTo("Bearer dl_admin");
        JsonNode body = Json.MAPPER.readTree(sent.body());
        assertThat(body.path("repos")).extracting(JsonNode::asText).containsExactly("acme/payments");
        assertThat(body.path("expires_in").asText()).isEqualTo("30d");
    }

    @Test
    void shouldSayWhatTheServiceRefusedAndExitWithItsCode() {
        stub.on("GET /api/v1/tokens", json(403, "{\"error\":\"forbidden\",\"message\":\"this token's role may not do this\"}"));
        stub.on("DELETE /api/v1/tokens/tok_9", json(404, "{\"message\":\"no token tok_9\"}"));

        CliRun list = run("dl_reader", "token", "list", "--url", stub.url());
        CliRun revoke = run("dl_admin", "token", "revoke", "tok_9", "--url", stub.url());

        assertThat(list.exitCode()).isEqualTo(Exit.USAGE);
        assertThat(list.err()).contains("decision-graph refused the list (403): this token's role may not do this");
        assertThat(revoke.exitCode()).isEqualTo(Exit.NOT_FOUND);
        assertThat(run("dl_admin", "token", "create", "--url", stub.url()).err()).contains("--role is required");
    }

    @Test
    void shouldSendDecisionlogTokenElseTheLocalStacksAdminToken(@TempDir Path dataDir) throws IOException {
        Files.writeString(dataDir.resolve(Tokens.ADMIN_TOKEN_FILE), "dl_local-admin\n");

        assertThat(Tokens.resolve(Map.of("DECISIONLOG_TOKEN", "dl_mine", "DECISIONLOG_DATA_DIR", dataDir.toString())))
                .isEqualTo("dl_mine");
        assertThat(Tokens.resolve(Map.of("DECISIONLOG_DATA_DIR", dataDir.toString()))).isEqualTo("dl_local-admin");
        assertThat(Tokens.resolve(Map.of("DECISIONLOG_DATA_DIR", dataDir.resolve("none").toString()))).isNull();
    }
}
