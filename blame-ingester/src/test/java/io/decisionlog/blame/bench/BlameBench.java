package io.decisionlog.blame.bench;

import io.decisionlog.blame.git.IgnoreRevs;
import io.decisionlog.blame.history.FileBlame;
import io.decisionlog.blame.history.RepositoryBlame;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Side by side on one repository: our one-walk blame of every file at HEAD, and {@code git blame --porcelain} of
 * the same files one by one (all, or a fixed-seed sample whose time is scaled up). Reports wall times, the ratio
 * per file, peak heap, and the share of lines whose commit differs from git's. With ROUNDS above 1 the blame runs
 * that many times in the same JVM and each round's time is printed: the service blames one repository after another
 * in one long-running JVM, so the later rounds are what it pays once its code is compiled.
 *
 * <p>With {@code BENCH_IGNORE_REVS=1} the blame ignores the revisions the repository's {@code .git-blame-ignore-revs}
 * names at HEAD, as the service's sync does (and git's side gets them as {@code --ignore-rev}).
 *
 * <pre>java -cp … io.decisionlog.blame.bench.BlameBench GIT_DIR [SAMPLE_FILES] [ROUNDS]</pre>
 */
public final class BlameBench {
    private BlameBench() {
    }

    public static void main(String[] args) throws Exception {
        File gitDir = new File(args[0]);
        int sample = args.length > 1 ? Integer.parseInt(args[1]) : Integer.MAX_VALUE;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        try (Repository repository = new FileRepositoryBuilder().setGitDir(gitDir).setMustExist(true).build()) {
            ObjectId tip = repository.resolve("HEAD");
            Set<ObjectId> ignored = "1".equals(System.getenv("BENCH_IGNORE_REVS"))
                    ? IgnoreRevs.read(repository, tip, List.of()).commits() : Set.of();
            if (!ignored.isEmpty()) {
                System.out.printf("ignoring the %d revisions %s names%n", ignored.size(), IgnoreRevs.FILE);
            }
            for (int round = 1; round < rounds; round++) {
                long started = System.nanoTime();
                new RepositoryBlame(repository, 1_048_576, (done, total) -> { }).ignoring(ignored)
                        .blame(tip, path -> true);
                System.out.printf("round %d: %.2f s%n", round, (System.nanoTime() - started) / 1e9);
            }
            resetPeaks();
            long started = System.nanoTime();
            RepositoryBlame.Result result = new RepositoryBlame(repository, 1_048_576, (done, total) -> { })
                    .ignoring(ignored).blame(tip, path -> true);
            double ours = (System.nanoTime() - started) / 1e9;
            long lines = result.files().stream().mapToLong(FileBlame::lines).sum();
            System.out.printf("decision-log: %d files (%d skipped), %d lines blamed in %.2f s; peak heap %d MB%n",
                    result.files().size(), result.skipped().size(), lines, ours, peakHeapMb());

            List<FileBlame> files = new ArrayList<>(result.files());
            Collections.shuffle(files, new Random(42));
            files = files.subList(0, Math.min(sample, files.size()));
            if (System.getenv("BENCH_SHOW") != null) {
                files = result.files().stream().filter(f -> f.path().equals(System.getenv("BENCH_SHOW"))).toList();
            }
            long compared = 0;
            long different = 0;
            long gitNanos = 0;
            List<String> worst = new ArrayList<>();
            for (FileBlame file : files) {
                long t = System.nanoTime();
                List<String> git = gitBlame(gitDir, tip.name(), file.path(), ignored);
                gitNanos += System.nanoTime() - t;
                int differ = 0;
                for (int i = 0; i < file.lines(); i++) {
                    if (i >= git.size() || !git.get(i).equals(file.commitOf(i))) {
                        differ++;
                        if (file.path().equals(System.getenv("BENCH_SHOW"))) {
                            System.out.printf("  line %d: ours %s, git %s%n", i + 1, file.commitOf(i).substring(0, 10),
                                    i < git.size() ? git.get(i).substring(0, 10) : "-");
                        }
                    }
                }
                compared += file.lines();
                different += differ;
                if (differ > 0) {
                    worst.add(differ + " of " + file.lines() + " lines: " + file.path());
                }
            }
            double gitSeconds = gitNanos / 1e9 * result.files().size() / files.size();
            System.out.printf("git blame --porcelain: %d files one by one in %.1f s%s, %.1f ms per file%n",
                    files.size(), gitNanos / 1e9,
                    files.size() < result.files().size() ? String.format(" (all %d: ~%.0f s)", result.files().size(), gitSeconds) : "",
                    gitNanos / 1e6 / files.size());
            System.out.printf("ratio: decision-log takes %.4fx git's time for all files (%.2f ms vs %.1f ms per file)%n",
                    ours / gitSeconds, ours * 1000 / result.files().size(), gitSeconds * 1000 / result.files().size());
            System.out.printf("fidelity: %d of %d compared lines differ from git blame (%.3f%%), in %d files%n",
                    different, compared, 100.0 * different / Math.max(1, compared), worst.size());
            worst.stream().limit(15).forEach(line -> System.out.println("  " + line));
        }
    }

    /** The commit of every line of {@code git blame --porcelain [--ignore-rev R]… REV -- PATH}. */
    static List<String> gitBlame(File gitDir, String tip, String path, Set<ObjectId> ignored) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "--git-dir=" + gitDir, "blame", "--porcelain"));
        ignored.forEach(rev -> command.addAll(List.of("--ignore-rev", rev.name())));
        command.addAll(List.of(tip, "--", path));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(5, TimeUnit.MINUTES);
        List<String> commits = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.length() > 41 && line.charAt(40) == ' ' && line.substring(0, 40).matches("[0-9a-f]{40}")
                    && line.substring(41).matches("\\d+ \\d+( \\d+)?")) {
                commits.add(line.substring(0, 40));
            }
        }
        return commits;
    }

    private static void resetPeaks() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeapMb() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum() / (1024 * 1024);
    }
}
