package io.decisionlog.blame.git;

import com.fasterxml.jackson.databind.JsonNode;
import io.decisionlog.events.CommitSignature;
import io.decisionlog.events.CommitSignature.Status;
import io.decisionlog.events.DecisionIds;
import io.decisionlog.events.GitCommit;
import io.decisionlog.events.Json;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Commits signed by the test itself with git and ssh-keygen (as an engineer signs them), checked against an
 * allowed-signers file: a steward's key, a key the trust does not know, a signature for another namespace, a commit
 * edited after it was signed, and an unsigned commit; and commits signed with OpenPGP keys gpg made, checked against
 * an exported public keyring.
 */
class SignaturesTest {
    @TempDir
    Path dir;
    private Path work;
    private Path allowedSigners;

    @BeforeEach
    void keys() throws Exception {
        work = dir.resolve("work");
        Files.createDirectories(work);
        run(dir, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "li.wei", "-f", dir.resolve("steward").toString());
        run(dir, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "mallory", "-f", dir.resolve("stranger").toString());
        allowedSigners = dir.resolve("allowed_signers");
        Files.writeString(allowedSigners, "li.wei@acme.example namespaces=\"git\" "
                + Files.readString(dir.resolve("steward.pub")).strip() + "\n");
        git("init", "-q", "-b", "main");
        git("config", "user.name", "Li Wei");
        git("config", "user.email", "li.wei@acme.example");
        git("config", "gpg.format", "ssh");
    }

    @Test
    void shouldTellVerifiedFromUnknownBadAndUnsigned() throws Exception {
        String verified = commit("a.yaml", "a: 1\n", "steward");
        String stranger = commit("a.yaml", "a: 2\n", "stranger");
        String unsigned = commit("a.yaml", "a: 3\n", null);
        String signed = commit("a.yaml", "a: 4\n", "steward");
        String edited = editMessage(signed, "a: 4", "a: 40");

        Signatures signatures = new Signatures(allowedSigners, null);
        Map<String, CommitSignature> checked = check(signatures, verified, stranger, unsigned, edited);

        assertThat(checked.get(verified).status()).isEqualTo(Status.VERIFIED);
        assertThat(checked.get(verified).signer()).isEqualTo("li.wei@acme.example");
        assertThat(checked.get(verified).format()).isEqualTo("ssh");
        assertThat(checked.get(verified).keyFingerprint()).startsWith("SHA256:");
        assertThat(checked.get(stranger).status()).isEqualTo(Status.UNKNOWN_KEY);
        assertThat(checked.get(stranger).reason()).contains("No principal matched");
        assertThat(checked.get(unsigned)).isEqualTo(CommitSignature.UNSIGNED);
        assertThat(checked.get(edited).status()).isEqualTo(Status.BAD);
        assertThat(checked.get(edited).reason()).contains("edited after signing");
        assertThat(checked.get(edited).keyFingerprint()).isEqualTo(checked.get(verified).keyFingerprint());
        assertThat(check(new Signatures(null, null), verified).get(verified).status()).isEqualTo(Status.UNKNOWN_KEY);
    }

    @Test
    void shouldPublishTheSignatureWithTheCommitInTheContractsWords() throws Exception {
        String verified = commit("a.yaml", "a: 1\n", "steward");
        try (Repository repository = new FileRepositoryBuilder().setGitDir(work.resolve(".git").toFile()).build();
             RevWalk walk = new RevWalk(repository)) {
            GitCommit record = new CommitRecords(DecisionIds.defaults(), new Signatures(allowedSigners, null))
                    .of(repository, "acme/payments", walk.parseCommit(repository.resolve(verified)), List.of());
            JsonNode json = Json.MAPPER.readTree(Json.MAPPER.writeValueAsBytes(record)).path("signature");
            assertThat(json.path("status").asText()).isEqualTo("verified");
            assertThat(json.path("format").asText()).isEqualTo("ssh");
            assertThat(json.path("signer").asText()).isEqualTo("li.wei@acme.example");
            assertThat(json.path("key_fingerprint").asText()).startsWith("SHA256:");
            assertThat(Json.MAPPER.readValue(Json.MAPPER.writeValueAsBytes(record), GitCommit.class).signature())
                    .isEqualTo(record.signature());
        }
    }

    @Test
    void shouldCheckOpenPgpSignaturesAgainstTheKeyringAlone() throws Exception {
        Path home = dir.resolve("gnupg");
        Files.createDirectories(home);
        Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        Map<String, String> env = Map.of("GNUPGHOME", home.toString());
        try {
            gpg(env, "--quick-gen-key", "Li Wei <li.wei@acme.example>", "ed25519", "sign", "never");
            gpg(env, "--quick-gen-key", "Mallory <mallory@evil.example>", "ed25519", "sign", "never");
            Path keyring = dir.resolve("stewards.asc");
            gpg(env, "--armor", "--output", keyring.toString(), "--export", "li.wei@acme.example");
            git(env, "config", "gpg.format", "openpgp");
            String verified = pgpCommit(env, "b.yaml", "b: 1\n", "li.wei@acme.example");
            String stranger = pgpCommit(env, "b.yaml", "b: 2\n", "mallory@evil.example");
            String signed = pgpCommit(env, "b.yaml", "b: 3\n", "li.wei@acme.example");
            String edited = editMessage(signed, "b: 3", "b: 30");

            Map<String, CommitSignature> checked = check(new Signatures(allowedSigners, keyring), verified, stranger,
                    edited);
            assertThat(checked.get(verified).status()).isEqualTo(Status.VERIFIED);
            assertThat(checked.get(verified).format()).isEqualTo("openpgp");
            assertThat(checked.get(verified).signer()).isEqualTo("Li Wei <li.wei@acme.example>");
            assertThat(checked.get(verified).keyFingerprint()).matches("[0-9A-F]{40}");
            assertThat(git(env, "log", "-1", "--format=%GF", verified).strip())
                    .isEqualTo(checked.get(verified).keyFingerprint());
            assertThat(checked.get(stranger).status()).isEqualTo(Status.UNKNOWN_KEY);
            assertThat(checked.get(stranger).reason()).contains("not in the OpenPGP keyring");
            assertThat(checked.get(edited).status()).isEqualTo(Status.BAD);
            assertThat(checked.get(edited).reason()).contains("edited after signing");
            assertThat(checked.get(edited).keyFingerprint()).isEqualTo(checked.get(verified).keyFingerprint());
            assertThat(check(new Signatures(allowedSigners, null), verified).get(verified).status())
                    .isEqualTo(Status.UNKNOWN_KEY);
            assertThat(check(new Signatures(null, null).trusting(null, keyring.toString()), verified).get(verified)
                    .status()).isEqualTo(Status.VERIFIED);
        } finally {
            run(dir, env, "gpgconf", "--kill", "all");
        }
    }

    private String pgpCommit(Map<String, String> env, String path, String text, String key) throws Exception {
        Files.writeString(work.resolve(path), text);
        git(env, "add", path);
        git(env, "commit", "-q", "-S" + key, "-m", "change " + text.strip());
        return git(env, "rev-parse", "HEAD").strip();
    }

    private String gpg(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("gpg", "--batch", "--pinentry-mode", "loopback", "--passphrase",
                ""));
        command.addAll(List.of(args));
        return run(dir, env, command.toArray(String[]::new));
    }

    private String git(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        return run(work, env, command.toArray(String[]::new));
    }

    private Map<String, CommitSignature> check(Signatures signatures, String... shas) throws IOException {
        Map<String, CommitSignature> checked = new LinkedHashMap<>();
        try (Repository repository = new FileRepositoryBuilder().setGitDir(work.resolve(".git").toFile()).build();
             RevWalk walk = new RevWalk(repository)) {
            for (String sha : shas) {
                RevCommit commit = walk.parseCommit(repository.resolve(sha));
                checked.put(sha, signatures.of(repository, commit));
            }
        }
        return checked;
    }

    private String commit(String path, String text, String key) throws Exception {
        Files.writeString(work.resolve(path), text);
        git("add", path);
        List<String> args = new ArrayList<>(List.of("commit", "-q", "-m", "change " + text.strip()));
        if (key != null) {
            args.addAll(List.of("-S" + dir.resolve(key + ".pub")));
        }
        git(args.toArray(String[]::new));
        return git("rev-parse", "HEAD").strip();
    }

    /** The commit object with its message edited and its signature kept: what a forger with write access makes. */
    private String editMessage(String sha, String from, String to) throws Exception {
        String object = git("cat-file", "commit", sha).replace("change " + from, "change " + to);
        Path file = dir.resolve("edited");
        Files.writeString(file, object);
        String edited = git("hash-object", "-t", "commit", "-w", file.toString()).strip();
        git("update-ref", "refs/heads/main", edited);
        return edited;
    }

    private String git(String... args) throws Exception {
        return git(Map.of(), args);
    }

    private static String run(Path in, String... command) throws Exception {
        return run(in, Map.of(), command);
    }

    private static String run(Path in, Map<String, String> env, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(in.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("%s: %s", String.join(" ", command), output).isZero();
        return output;
    }
}
