package io.decisionlog.blame.bench;

import io.decisionlog.blame.git.Signatures;
import io.decisionlog.events.CommitSignature;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What checking commit signatures costs, against git itself: a repository of COMMITS commits, each signed by git
 * with an ed25519 key — from ssh-keygen ({@code ssh}) or from gpg ({@code openpgp}) — (every tenth by a key the trust
 * does not hold, every seventh unsigned), checked in-process by {@link Signatures} and by
 * {@code git log --format='%H %G?'} (with {@code gpg.ssh.allowedSignersFile}, or a GnuPG home holding only the trusted
 * public key), interleaved round by round, the ratio pair by pair; and every commit's verdict compared with git's
 * ({@code G} good, {@code U}/{@code E} unknown key, {@code N} none).
 *
 * <pre>java -cp … io.decisionlog.blame.bench.SignatureBench WORK_DIR [COMMITS] [ROUNDS] [ssh|openpgp]</pre>
 */
public final class SignatureBench {
    private SignatureBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of(args[0]));
        int commits = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        boolean pgp = args.length > 3 && args[3].equals("openpgp");
        Path work = pgp ? pgpHistory(dir, commits) : signedHistory(dir, commits);
        Path allowed = dir.resolve("allowed_signers");
        Signatures signatures = pgp ? new Signatures(null, dir.resolve("stewards.asc")) : new Signatures(allowed, null);
        List<String> gitLog = pgp ? List.of("git", "log", "--format=%H %G?")
                : List.of("git", "-c", "gpg.ssh.allowedSignersFile=" + allowed, "log", "--format=%H %G?");
        Map<String, String> gitEnv = pgp ? Map.of("GNUPGHOME", dir.resolve("verify").toString()) : Map.of();
        try {
            compare(work, signatures, gitLog, gitEnv, rounds, pgp ? "openpgp" : "ssh");
        } finally {
            if (pgp) {
                run(dir, Map.of("GNUPGHOME", dir.resolve("sign").toString()), "gpgconf", "--kill", "all");
                run(dir, gitEnv, "gpgconf", "--kill", "all");
            }
        }
    }

    private static void compare(Path work, Signatures signatures, List<String> gitLog, Map<String, String> gitEnv,
                                int rounds, String format) throws Exception {
        Map<String, CommitSignature> ours = check(work, signatures); // warm-up, untimed
        Map<String, String> git = gitVerdicts(work, gitLog, gitEnv);
        double[] oursSeconds = new double[rounds];
        double[] gitSeconds = new double[rounds];
        double[] ratios = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            long started = System.nanoTime();
            ours = check(work, signatures);
            oursSeconds[round] = (System.nanoTime() - started) / 1e9;
            started = System.nanoTime();
            git = gitVerdicts(work, gitLog, gitEnv);
            gitSeconds[round] = (System.nanoTime() - started) / 1e9;
            ratios[round] = oursSeconds[round] / gitSeconds[round];
        }
        int disagree = 0;
        for (Map.Entry<String, CommitSignature> verdict : ours.entrySet()) {
            if (!agrees(verdict.getValue().status(), git.get(verdict.getKey()))) {
                disagree++;
                System.out.println("differs: " + verdict.getKey() + " ours " + verdict.getValue() + ", git "
                        + git.get(verdict.getKey()));
            }
        }
        System.out.printf("%s signatures: %d commits, %d interleaved rounds%n", format, ours.size(), rounds);
        System.out.printf("ours: median %.3f s (%.0f us a commit); git log %%G?: median %.3f s%n", median(oursSeconds),
                median(oursSeconds) * 1e6 / ours.size(), median(gitSeconds));
        System.out.printf("ratio ours/git %.3f (%.3f-%.3f); verdicts that differ from git's: %d%n", median(ratios),
                Arrays.stream(ratios).min().orElse(0), Arrays.stream(ratios).max().orElse(0), disagree);
    }

    private static boolean agrees(CommitSignature.Status ours, String git) {
        return switch (ours) {
            case VERIFIED -> "G".equals(git);
            case UNKNOWN_KEY -> "U".equals(git) || "E".equals(git);
            case NONE -> "N".equals(git);
            case BAD -> "B".equals(git);
            case UNVERIFIED -> "U".equals(git);
        };
    }

    private static Map<String, CommitSignature> check(Path work, Signatures signatures) throws Exception {
        Map<String, CommitSignature> verdicts = new HashMap<>();
        try (Repository repository = new FileRepositoryBuilder().setGitDir(work.resolve(".git").toFile()).build();
             RevWalk walk = new RevWalk(repository)) {
            walk.markStart(walk.parseCommit(repository.resolve("HEAD")));
            for (RevCommit commit : walk) {
                verdicts.put(commit.name(), signatures.of(repository, commit));
            }
        }
        return verdicts;
    }

    private static Map<String, String> gitVerdicts(Path work, List<String> gitLog, Map<String, String> env)
            throws Exception {
        Map<String, String> verdicts = new HashMap<>();
        for (String line : run(work, env, gitLog.toArray(String[]::new)).split("\n")) {
            if (line.length() > 41) {
                verdicts.put(line.substring(0, 40), line.substring(41).strip());
            }
        }
        return verdicts;
    }

    private static Path signedHistory(Path dir, int commits) throws Exception {
        Path work = dir.resolve("work");
        if (Files.isDirectory(work.resolve(".git"))) {
            return work;
        }
        Files.createDirectories(work);
        run(dir, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "steward", "-f", dir.resolve("steward").toString());
        run(dir, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "stranger", "-f", dir.resolve("stranger").toString());
        Files.writeString(dir.resolve("allowed_signers"), "li.wei@acme.example namespaces=\"git\" "
                + Files.readString(dir.resolve("steward.pub")).strip() + "\n");
        run(work, "git", "init", "-q", "-b", "main");
        run(work, "git", "config", "user.name", "Li Wei");
        run(work, "git", "config", "user.email", "li.wei@acme.example");
        run(work, "git", "config", "gpg.format", "ssh");
        for (int i = 0; i < commits; i++) {
            Files.writeString(work.resolve("values.yaml"), "replicas: " + i + "\n");
            run(work, "git", "add", "values.yaml");
            List<String> commit = new ArrayList<>(List.of("git", "commit", "-q", "-m", "change " + i));
            if (i % 7 != 3) {
                commit.add("-S" + dir.resolve(i % 10 == 5 ? "stranger.pub" : "steward.pub"));
            }
            run(work, commit.toArray(String[]::new));
        }
        return work;
    }

    /**
     * The same history signed with gpg-made ed25519 keys: the steward's public key exported to the keyring the
     * ingester trusts, and imported, ultimately trusted, into the GnuPG home git verifies with — and nothing else.
     */
    private static Path pgpHistory(Path dir, int commits) throws Exception {
        Path work = dir.resolve("work");
        if (Files.isDirectory(work.resolve(".git"))) {
            return work;
        }
        Map<String, String> sign = gnupgHome(dir.resolve("sign"));
        Map<String, String> verify = gnupgHome(dir.resolve("verify"));
        gpg(dir, sign, "--quick-gen-key", "Li Wei <li.wei@acme.example>", "ed25519", "sign", "never");
        gpg(dir, sign, "--quick-gen-key", "Mallory <mallory@evil.example>", "ed25519", "sign", "never");
        gpg(dir, sign, "--armor", "--output", dir.resolve("stewards.asc").toString(), "--export", "li.wei@acme.example");
        gpg(dir, verify, "--import", dir.resolve("stewards.asc").toString());
        String fingerprint = run(dir, sign, "gpg", "--batch", "--with-colons", "--list-keys", "li.wei@acme.example")
                .lines().filter(line -> line.startsWith("fpr:")).findFirst().orElseThrow().split(":")[9];
        Files.writeString(Path.of(verify.get("GNUPGHOME")).resolve("gpg.conf"), "trusted-key " + fingerprint + "\n");
        Files.createDirectories(work);
        run(work, sign, "git", "init", "-q", "-b", "main");
        run(work, sign, "git", "config", "user.name", "Li Wei");
        run(work, sign, "git", "config", "user.email", "li.wei@acme.example");
        run(work, sign, "git", "config", "gpg.format", "openpgp");
        for (int i = 0; i < commits; i++) {
            Files.writeString(work.resolve("values.yaml"), "replicas: " + i + "\n");
            run(work, sign, "git", "add", "values.yaml");
            List<String> commit = new ArrayList<>(List.of("git", "commit", "-q", "-m", "change " + i));
            if (i % 7 != 3) {
                commit.add("-S" + (i % 10 == 5 ? "mallory@evil.example" : "li.wei@acme.example"));
            }
            run(work, sign, commit.toArray(String[]::new));
        }
        return work;
    }

    private static Map<String, String> gnupgHome(Path home) throws Exception {
        Files.createDirectories(home);
        Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        return Map.of("GNUPGHOME", home.toString());
    }

    private static void gpg(Path in, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("gpg", "--batch", "--pinentry-mode", "loopback", "--passphrase",
                ""));
        command.addAll(List.of(args));
        run(in, env, command.toArray(String[]::new));
    }

    private static String run(Path in, String... command) throws Exception {
        return run(in, Map.of(), command);
    }

    private static String run(Path in, Map<String, String> env, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(in.toFile()).redirectErrorStream(false);
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.getErrorStream().readAllBytes();
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed");
        }
        return output;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
