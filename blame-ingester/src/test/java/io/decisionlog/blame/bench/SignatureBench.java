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
 * What checking SSH commit signatures costs, against git itself: a repository of COMMITS commits, each signed by git
 * with an ed25519 key from ssh-keygen (every tenth by a key the allowed-signers file does not name, every
 * seventh unsigned), checked in-process by {@link Signatures} and by
 * {@code git -c gpg.ssh.allowedSignersFile=F log --format='%H %G?'}, interleaved round by round, the ratio pair by
 * pair; and every commit's verdict compared with git's ({@code G} good, {@code U}/{@code E} unknown key, {@code N}
 * none).
 *
 * <pre>java -cp … io.decisionlog.blame.bench.SignatureBench WORK_DIR [COMMITS] [ROUNDS]</pre>
 */
public final class SignatureBench {
    private SignatureBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of(args[0]));
        int commits = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Path work = signedHistory(dir, commits);
        Path allowed = dir.resolve("allowed_signers");
        Signatures signatures = new Signatures(allowed);
        Map<String, CommitSignature> ours = check(work, signatures); // warm-up, untimed
        Map<String, String> git = gitVerdicts(work, allowed);
        double[] oursSeconds = new double[rounds];
        double[] gitSeconds = new double[rounds];
        double[] ratios = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            long started = System.nanoTime();
            ours = check(work, signatures);
            oursSeconds[round] = (System.nanoTime() - started) / 1e9;
            started = System.nanoTime();
            git = gitVerdicts(work, allowed);
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
        System.out.printf("%d commits, %d interleaved rounds%n", ours.size(), rounds);
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

    private static Map<String, String> gitVerdicts(Path work, Path allowed) throws Exception {
        Map<String, String> verdicts = new HashMap<>();
        for (String line : run(work, "git", "-c", "gpg.ssh.allowedSignersFile=" + allowed, "log", "--format=%H %G?")
                .split("\n")) {
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

    private static String run(Path in, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(in.toFile()).redirectErrorStream(false).start();
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
