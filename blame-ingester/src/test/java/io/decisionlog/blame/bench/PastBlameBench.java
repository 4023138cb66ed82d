package io.decisionlog.blame.bench;

import io.decisionlog.blame.history.FileBlame;
import io.decisionlog.blame.history.RepositoryBlame;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * A past blame as {@code rev=} computes it — the walk from REV restricted to one path, in a fresh walker each time
 * (no cache) — against {@code git blame --porcelain REV -- PATH} on the same file, interleaved (ours, git, ours,
 * git…) so both see the same machine. Reports each side's median and worst time, the ratio pair by pair (median and
 * range), and whether every line's commit equals git's.
 *
 * <pre>java -cp … io.decisionlog.blame.bench.PastBlameBench GIT_DIR REV PATH [ROUNDS]</pre>
 */
public final class PastBlameBench {
    private PastBlameBench() {
    }

    public static void main(String[] args) throws Exception {
        File gitDir = new File(args[0]);
        String rev = args[1];
        String path = args[2];
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 7;
        try (Repository repository = new FileRepositoryBuilder().setGitDir(gitDir).setMustExist(true).build()) {
            ObjectId commit = repository.resolve(rev);
            double[] ours = new double[rounds];
            double[] git = new double[rounds];
            double[] ratios = new double[rounds];
            List<String> oursCommits = List.of();
            List<String> gitCommits = List.of();
            blame(repository, commit, path); // warm the JIT and the page cache once, untimed
            for (int round = 0; round < rounds; round++) {
                long started = System.nanoTime();
                FileBlame file = blame(repository, commit, path);
                ours[round] = (System.nanoTime() - started) / 1e6;
                started = System.nanoTime();
                gitCommits = BlameBench.gitBlame(gitDir, commit.name(), path, Set.of());
                git[round] = (System.nanoTime() - started) / 1e6;
                ratios[round] = ours[round] / git[round];
                oursCommits = new ArrayList<>();
                for (int line = 0; line < file.lines(); line++) {
                    oursCommits.add(file.commitOf(line));
                }
            }
            System.out.printf("%s at %s (%s), %d lines, %d interleaved rounds%n", path, rev, commit.name(),
                    oursCommits.size(), rounds);
            System.out.printf("rev= past blame: median %.0f ms, worst %.0f ms%n", median(ours), max(ours));
            System.out.printf("git blame REV -- PATH: median %.0f ms, worst %.0f ms%n", median(git), max(git));
            System.out.printf("ratio ours/git: median %.2f (%.2f-%.2f)%n", median(ratios), min(ratios), max(ratios));
            long differ = 0;
            for (int line = 0; line < Math.min(oursCommits.size(), gitCommits.size()); line++) {
                differ += oursCommits.get(line).equals(gitCommits.get(line)) ? 0 : 1;
            }
            System.out.printf("fidelity: %d of %d lines name another commit than git blame (git: %d lines)%n", differ,
                    oursCommits.size(), gitCommits.size());
        }
    }

    private static FileBlame blame(Repository repository, ObjectId commit, String path) throws Exception {
        RepositoryBlame.Result result = new RepositoryBlame(repository, 1_048_576, (done, total) -> { })
                .blame(commit, path::equals);
        return result.files().get(0);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(0);
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(0);
    }
}
