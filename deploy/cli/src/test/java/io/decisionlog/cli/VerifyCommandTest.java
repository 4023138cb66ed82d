package io.decisionlog.cli;

import io.decisionlog.events.Json;
import io.decisionlog.events.tlog.Checkpoint;
import io.decisionlog.events.tlog.MemoryNodes;
import io.decisionlog.events.tlog.MerkleTree;
import io.decisionlog.events.tlog.NoteKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.decisionlog.cli.StubServer.json;
import static io.decisionlog.cli.StubServer.text;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code verify} against a stub decision-graph serving a log made here: intact, edited, and rewritten. */
class VerifyCommandTest {
    @TempDir
    Path dir;
    private StubServer stub;
    private final NoteKeys.Signer key = NoteKeys.generate("decisionlog.test/log");

    @BeforeEach
    void start() throws IOException {
        stub = new StubServer();
        Files.writeString(dir.resolve("checkpoint.key.pub"), key.verifier().encoded() + "\n");
    }

    @AfterEach
    void stop() {
        stub.close();
    }


    private CliRun run(String... args) {
        return CliRun.as("dl_admin", args);
    }

    /** Serves a log of these bodies, signed as the tree of the first {@code size}; the entries as {@code served}. */
    private MemoryNodes serve(List<String> bodies, List<String> served) throws IOException {
        MemoryNodes tree = new MemoryNodes();
        bodies.forEach(body -> tree.append(MerkleTree.leafHash(body.getBytes(StandardCharsets.UTF_8))));
        stub.on("GET /api/v1/log/checkpoint", text(200,
                new Checkpoint("decisionlog.test/log", bodies.size(), MerkleTree.root(tree, bodies.size())).signed(key)));
        List<Map<String, Object>> entries = new ArrayList<>();
        for (int i = 0; i < served.size(); i++) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("index", i);
            entry.put("body", served.get(i));
            entry.put("leaf_hash", Base64.getEncoder().encodeToString(tree.hash(0, i)));
            entries.add(entry);
        }
        stub.on("GET /api/v1/log/entries", json(200, Json.MAPPER.writeValueAsString(Map.of("entries", entries))));
        return tree;
    }

    @Test
    void anIntactLogHoldsAndItsCheckpointIsKept() throws IOException {
        List<String> bodies = List.of("{\"a\":1}", "{\"b\":2}", "{\"c\":3}");
        serve(bodies, bodies);
        Path state = dir.resolve("last-checkpoint");

        CliRun result = run("verify", "--key", dir.resolve("checkpoint.key.pub").toString(), "--state",
                state.toString(), "--url", stub.url());

        assertThat(result.exitCode()).as(result.err()).isEqualTo(Exit.OK);
        assertThat(result.out()).contains("checkpoint of decisionlog.test/log: 3 entries", "holds");
        assertThat(Files.readString(state)).startsWith("decisionlog.test/log\n3\n");
    }

    @Test
    void anEditedEntryIsNamedAndARewrittenHistoryIsSaid() throws IOException {
        List<String> bodies = List.of("{\"a\":1}", "{\"b\":2}", "{\"c\":3}");
        serve(bodies, List.of("{\"a\":1}", "{\"b\":22}", "{\"c\":3}"));
        CliRun edited = run("verify", "--key", dir.resolve("checkpoint.key.pub").toString(), "--url", stub.url());
        assertThat(edited.exitCode()).isEqualTo(Exit.NOT_FOUND);
        assertThat(edited.out()).contains("does not hold: entry 1: its body does not hash to the leaf");

        Path state = dir.resolve("last-checkpoint");
        serve(bodies, bodies);
        assertThat(run("verify", "--key", dir.resolve("checkpoint.key.pub").toString(), "--state", state.toString(),
                "--url", stub.url()).exitCode()).isEqualTo(Exit.OK);
        List<String> rewritten = List.of("{\"a\":1}", "{\"b\":20}", "{\"c\":3}", "{\"d\":4}");
        MemoryNodes tree = serve(rewritten, rewritten);
        stub.on("GET /api/v1/log/consistency", json(200, Json.MAPPER.writeValueAsString(Map.of("proof",
                MerkleTree.consistencyProof(tree, 3, 4).stream().map(Base64.getEncoder()::encodeToString).toList()))));
        CliRun after = run("verify", "--key", dir.resolve("checkpoint.key.pub").toString(), "--state",
                state.toString(), "--url", stub.url());
        assertThat(after.exitCode()).isEqualTo(Exit.NOT_FOUND);
        assertThat(after.out()).contains("its history was rewritten");
        assertThat(Files.readString(state)).startsWith("decisionlog.test/log\n3\n");
    }

    @Test
    void anotherKeysCheckpointDoesNotHold() throws IOException {
        serve(List.of("{\"a\":1}"), List.of("{\"a\":1}"));
        Files.writeString(dir.resolve("other.pub"), NoteKeys.generate("decisionlog.test/log").verifier().encoded());
        CliRun result = run("verify", "--key", dir.resolve("other.pub").toString(), "--url", stub.url());
        assertThat(result.exitCode()).isEqualTo(Exit.NOT_FOUND);
        assertThat(result.out()).contains("the checkpoint does not verify");
    }
}
