package io.decisionlog.events.signing;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Signatures made by OpenSSH's own ssh-keygen, checked here and, for agreement, by ssh-keygen -Y verify. */
class SshVerdictTest {
    private static final String DIGEST = "sha256:" + "ab".repeat(32);
    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

    @TempDir
    static Path dir;
    static String ed25519;
    static String rsa;
    static String stranger;

    @BeforeAll
    static void keys() throws Exception {
        ed25519 = newKey("steward", "ed25519");
        rsa = newKey("rsa", "rsa");
        stranger = newKey("stranger", "ed25519");
    }

    @Test
    void aStewardsEd25519SignatureIsVerified() throws Exception {
        AllowedSigners trust = AllowedSigners.parse("li.wei@acme.example namespaces=\"decisionlog\" " + ed25519 + "\n");
        SshVerdict verdict = check(sign("steward", DIGEST, "decisionlog"), DIGEST, "li.wei@acme.example", trust);
        assertThat(verdict.verified()).as(verdict.reason()).isTrue();
        assertThat(verdict.keyFingerprint()).isEqualTo(sshKeygenFingerprint("steward"));
        assertThat(sshKeygenVerifies("li.wei@acme.example", DIGEST, sign("steward", DIGEST, "decisionlog"))).isTrue();
    }

    @Test
    void anRsaSignatureIsVerified() throws Exception {
        AllowedSigners trust = AllowedSigners.parse("*@acme.example " + rsa);
        SshVerdict verdict = check(sign("rsa", DIGEST, "decisionlog"), DIGEST, "ana@acme.example", trust);
        assertThat(verdict.verified()).as(verdict.reason()).isTrue();
    }

    @Test
    void aSignatureOverOtherBytesIsRefused() throws Exception {
        AllowedSigners trust = AllowedSigners.parse("li.wei " + ed25519);
        SshVerdict verdict = check(sign("steward", DIGEST, "decisionlog"), "sha256:" + "cd".repeat(32), "li.wei", trust);
        assertThat(verdict.verified()).isFalse();
        assertThat(verdict.reason()).contains("does not match what was signed");
    }

    @Test
    void aSignatureForGitIsNotOneForDecisionlog() throws Exception {
        AllowedSigners trust = AllowedSigners.parse("li.wei " + ed25519);
        SshVerdict verdict = check(sign("steward", DIGEST, "git"), DIGEST, "li.wei", trust);
        assertThat(verdict.reason()).contains("namespace 'git', not 'decisionlog'");
    }

    @Test
    void anUnknownKeyAndAnotherPersonsKeyAreRefused() throws Exception {
        AllowedSigners trust = AllowedSigners.parse("li.wei " + ed25519 + "\nbob@acme.example " + stranger + "\n");
        assertThat(check(sign("stranger", DIGEST, "decisionlog"), DIGEST, "li.wei", trust).reason())
                .contains("belongs to bob@acme.example, not to li.wei");
        assertThat(check(sign("stranger", DIGEST, "decisionlog"), DIGEST, "li.wei",
                AllowedSigners.parse("li.wei " + ed25519)).reason()).contains("is not in the allowed signers");
    }

    @Test
    void namespacesAndValidityLimitTheKey() throws Exception {
        String armored = sign("steward", DIGEST, "decisionlog");
        assertThat(check(armored, DIGEST, "li.wei",
                AllowedSigners.parse("li.wei namespaces=\"git,file\" " + ed25519)).verified()).isFalse();
        assertThat(check(armored, DIGEST, "li.wei",
                AllowedSigners.parse("li.wei valid-before=20261101Z " + ed25519)).verified()).isFalse();
        assertThat(check(armored, DIGEST, "li.wei",
                AllowedSigners.parse("li.wei valid-after=20261101,namespaces=\"decision*\" " + ed25519)).verified())
                .isTrue();
        assertThat(check(armored, DIGEST, "li.wei",
                AllowedSigners.parse("*,!li.wei " + ed25519)).verified()).isFalse();
    }

    @Test
    void aChangedByteOrATruncationIsRefusedWithAReason() throws Exception {
        String armored = sign("steward", DIGEST, "decisionlog");
        String[] lines = armored.split("\n");
        String changed = armored.replace(lines[2], lines[2].substring(0, 10)
                + (lines[2].charAt(10) == 'A' ? 'B' : 'A') + lines[2].substring(11));
        AllowedSigners trust = AllowedSigners.parse("li.wei " + ed25519);
        assertThat(check(changed, DIGEST, "li.wei", trust).verified()).isFalse();
        assertThat(check("hello", DIGEST, "li.wei", trust).reason()).contains("not an SSH signature");
        assertThat(check(lines[0] + "\nU1NIU0lH\n" + lines[lines.length - 1], DIGEST, "li.wei", trust).reason())
                .contains("truncated");
        assertThat(check("x".repeat(SshSignature.MAX_ARMORED_CHARS + 1), DIGEST, "li.wei", trust).reason())
                .contains("at most");
    }

    @Test
    void aMalformedLineIsNamedNotSkipped() {
        assertThatThrownBy(() -> AllowedSigners.parse("# stewards\nli.wei " + "ssh-ed25519 !!!\n"))
                .hasMessageContaining("line 2").hasMessageContaining("base64");
        assertThatThrownBy(() -> AllowedSigners.parse("li.wei frobnicate ssh-ed25519 AAAA"))
                .hasMessageContaining("line 1: unknown option frobnicate");
        assertThat(AllowedSigners.parse("ca@acme cert-authority " + ed25519).principalsOf(
                SshPublicKey.of(ed25519.split(" ")[0], ed25519.split(" ")[1]), "decisionlog", NOW)).isEmpty();
    }

    private static SshVerdict check(String armored, String message, String identity, AllowedSigners trust) {
        return SshVerdict.check(armored, message.getBytes(StandardCharsets.UTF_8), "decisionlog", identity, trust, NOW);
    }

    private static String newKey(String name, String type) throws Exception {
        run(null, "ssh-keygen", "-q", "-t", type, "-N", "", "-C", name, "-f", dir.resolve(name).toString());
        String[] pub = Files.readString(dir.resolve(name + ".pub")).strip().split(" ");
        return pub[0] + " " + pub[1];
    }

    private static String sign(String key, String message, String namespace) throws Exception {
        Path file = Files.createTempFile(dir, "message", ".txt");
        Files.writeString(file, message);
        run(null, "ssh-keygen", "-q", "-Y", "sign", "-n", namespace, "-f", dir.resolve(key).toString(), file.toString());
        return Files.readString(Path.of(file + ".sig"));
    }

    private static String sshKeygenFingerprint(String key) throws Exception {
        return run(null, "ssh-keygen", "-l", "-f", dir.resolve(key + ".pub").toString()).split(" ")[1];
    }

    private static boolean sshKeygenVerifies(String identity, String message, String armored) throws Exception {
        Path allowed = dir.resolve("allowed");
        Files.writeString(allowed, identity + " " + ed25519 + "\n");
        Path sig = Files.createTempFile(dir, "sig", ".sig");
        Files.writeString(sig, armored);
        Process process = new ProcessBuilder("ssh-keygen", "-Y", "verify", "-f", allowed.toString(), "-I", identity,
                "-n", "decisionlog", "-s", sig.toString()).redirectErrorStream(true).start();
        process.getOutputStream().write(message.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        process.getInputStream().readAllBytes();
        return process.waitFor() == 0;
    }

    private static String run(String stdin, String... command) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException(command[0] + " is needed by this test (Debian: openssh-client)", e);
        }
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(String.join(" ", command) + ": " + out).isZero();
        return out;
    }
}
