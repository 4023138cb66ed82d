package io.decisionlog.blame.git;

import com.fasterxml.jackson.databind.JsonNode;
import io.decisionlog.events.CommitSignature;
import io.decisionlog.events.CommitSignature.Status;
import io.decisionlog.events.DecisionIds;
import io.decisionlog.events.GitCommit;
import io.decisionlog.events.Json;
import io.decisionlog.events.TrackedRepo;
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

            git(env, "update-ref", "refs/heads/main", verified);
            git(env, "reset", "-q", "--hard", verified);
            String unsigned = commit("b.yaml", "b: 4\n", null);
            git(env, "tag", "-s", "-u", "li.wei@acme.example", "pgp-1", "-m", "release pgp-1");
            assertThat(publishedWithTags(new Signatures(null, keyring), unsigned).get(unsigned))
                    .extracting(CommitSignature::status, CommitSignature::tag, CommitSignature::format)
                    .containsExactly(Status.VERIFIED, "pgp-1", "openpgp");
        } finally {
            run(dir, env, "gpgconf", "--kill", "all");
        }
    }

    @Test
    void shouldLetASignedTagOnTheBranchVouchForTheCommitsItCovers() throws Exception {
        String c1 = commit("a.yaml", "a: 1\n", null);
        String c2 = commit("a.yaml", "a: 2\n", "stranger");
        String c3 = commit("a.yaml", "a: 3\n", null);
        tag("v1.0", "steward");
        String c4 = commit("a.yaml", "a: 4\n", null);
        String c5 = editMessage(commit("a.yaml", "a: 5\n", "steward"), "a: 5", "a: 50");
        String c6 = commit("a.yaml", "a: 6\n", null);
        tag("v1.1", "steward");
        String c7 = commit("a.yaml", "a: 7\n", null);
        tag("v1.2", "stranger");
        String c8 = commit("a.yaml", "a: 8\n", null);
        tag("v1.3", "steward");
        forgeTag("v1.3", "release v1.3", "release v1.3 (all good)");
        String c9 = commit("a.yaml", "a: 9\n", null);
        git("tag", "light");

        Map<String, CommitSignature> published = publishedWithTags(new Signatures(allowedSigners, null),
                c1, c2, c3, c4, c5, c6, c7, c8, c9);
        for (String vouched : List.of(c1, c2, c3)) {
            assertThat(published.get(vouched)).as("covered by v1.0").satisfies(signature -> {
                assertThat(signature.status()).isEqualTo(Status.VERIFIED);
                assertThat(signature.tag()).isEqualTo("v1.0");
                assertThat(signature.signer()).isEqualTo("li.wei@acme.example");
            });
        }
        assertThat(published.get(c4).tag()).isEqualTo("v1.1");
        assertThat(published.get(c5).status()).as("a bad signature of its own is never hidden by a tag")
                .isEqualTo(Status.BAD);
        assertThat(published.get(c5).tag()).isNull();
        assertThat(published.get(c6)).extracting(CommitSignature::status, CommitSignature::tag)
                .containsExactly(Status.VERIFIED, "v1.1");
        assertThat(published.get(c7)).extracting(CommitSignature::status, CommitSignature::tag)
                .containsExactly(Status.UNKNOWN_KEY, "v1.2");
        assertThat(published.get(c8)).extracting(CommitSignature::status, CommitSignature::tag)
                .containsExactly(Status.BAD, "v1.3");
        assertThat(published.get(c8).reason()).contains("edited after signing");
        assertThat(published.get(c9)).as("a lightweight tag vouches for nothing").isEqualTo(CommitSignature.UNSIGNED);

        // a verified release tag later on covers what the stranger's and the forged tag did not vouch for
        tag("v2.0", "steward");
        Map<String, CommitSignature> after = publishedWithTags(new Signatures(allowedSigners, null), c7, c8, c9, c5);
        assertThat(after.get(c7)).extracting(CommitSignature::status, CommitSignature::tag)
                .containsExactly(Status.VERIFIED, "v2.0");
        assertThat(after.get(c9).tag()).isEqualTo("v2.0");
        assertThat(after.get(c5).status()).isEqualTo(Status.BAD);
        assertThat(publishedWithTags(new Signatures(null, null), c1).get(c1).status())
                .as("without trust, the tag's key is unknown").isEqualTo(Status.UNKNOWN_KEY);
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

    /** The commits' records as a sync publishes them: each settled by the signed tag that covers it. */
    private Map<String, CommitSignature> publishedWithTags(Signatures signatures, String... shas) throws IOException {
        Map<String, CommitSignature> published = new LinkedHashMap<>();
        TrackedRepo registration = new TrackedRepo("acme/payments", work.toString(), "main", List.of(), List.of(), null,
                null);
        CommitRecords records = new CommitRecords(DecisionIds.defaults(), signatures);
        try (Repository repository = new FileRepositoryBuilder().setGitDir(work.resolve(".git").toFile()).build();
             RevWalk walk = new RevWalk(repository)) {
            Map<String, CommitSignature> coverage = SignedTags.coverage(repository, repository.resolve("main"),
                    signatures);
            for (String sha : shas) {
                RevCommit commit = walk.parseCommit(repository.resolve(sha));
                published.put(sha, records.of(repository, registration, commit, List.of(), coverage.get(sha))
                        .signature());
            }
        }
        return published;
    }

    private void tag(String name, String key) throws Exception {
        git("-c", "user.signingkey=" + dir.resolve(key + ".pub"), "tag", "-s", name, "-m", "release " + name);
    }

    /** The tag object with its message edited and its signature kept, moved into place. */
    private void forgeTag(String name, String from, String to) throws Exception {
        String object = git("cat-file", "tag", name).replace(from + "\n", to + "\n");
        Path file = dir.resolve("forged-tag");
        Files.writeString(file, object);
        String forged = git("hash-object", "-t", "tag", "-w", file.toString()).strip();
        git("update-ref", "refs/tags/" + name, forged);
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
