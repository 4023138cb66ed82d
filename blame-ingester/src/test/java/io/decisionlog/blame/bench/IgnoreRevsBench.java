package io.decisionlog.blame.bench;

import io.decisionlog.blame.git.IgnoreRevs;
import io.decisionlog.blame.history.RepositoryBlame;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

import java.io.File;
import java.util.Arrays;
import java.util.List;

/**
 * What honouring {@code .git-blame-ignore-revs} costs a full sync's blame: the full blame of every file at HEAD without
 * and with the repository's ignored revisions, interleaved (without, with, without, with…), each side's median and
 * the ratio pair by pair.
 *
 * <pre>java -cp … io.decisionlog.blame.bench.IgnoreRevsBench GIT_DIR [ROUNDS]</pre>
 */
public final class IgnoreRevsBench {
    private IgnoreRevsBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        try (Repository repository = new FileRepositoryBuilder().setGitDir(new File(args[0])).setMustExist(true).build()) {
            ObjectId head = repository.resolve("HEAD");
            IgnoreRevs ignore = IgnoreRevs.read(repository, head, List.of());
            RepositoryBlame plain = new RepositoryBlame(repository, 1_048_576, (d, t) -> { });
            RepositoryBlame ignoring = plain.ignoring(ignore.commits());
            plain.blame(head, path -> true); // warm-up, untimed
            double[] without = new double[rounds];
            double[] with = new double[rounds];
            double[] ratios = new double[rounds];
            long movedLines = 0;
            for (int round = 0; round < rounds; round++) {
                long started = System.nanoTime();
                RepositoryBlame.Result a = plain.blame(head, path -> true);
                without[round] = (System.nanoTime() - started) / 1e9;
                started = System.nanoTime();
                RepositoryBlame.Result b = ignoring.blame(head, path -> true);
                with[round] = (System.nanoTime() - started) / 1e9;
                ratios[round] = with[round] / without[round];
                movedLines = owned(a, ignore) - owned(b, ignore);
            }
            System.out.printf("full blame at %s, %d ignored revisions, %d interleaved rounds%n", head.name(),
                    ignore.commits().size(), rounds);
            System.out.printf("without ignoring: median %.2f s; ignoring: median %.2f s; ratio %.2f (%.2f-%.2f)%n",
                    median(without), median(with), median(ratios), Arrays.stream(ratios).min().orElse(0),
                    Arrays.stream(ratios).max().orElse(0));
            System.out.printf("lines the ignored revisions no longer own: %d%n", movedLines);
        }
    }

    private static long owned(RepositoryBlame.Result result, IgnoreRevs ignore) {
        return result.files().stream().flatMap(file -> file.ranges().stream())
                .filter(range -> ignore.commits().contains(ObjectId.fromString(range.sha())))
                .mapToLong(range -> range.count()).sum();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
