package io.decisionlog.blame.bench;

import io.decisionlog.blame.git.IgnoreRevs;
import io.decisionlog.blame.history.GitCli;
import io.decisionlog.blame.history.LineLog;
import io.decisionlog.blame.history.RepositoryBlame;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Time travel on a real repository, against git itself: a past blame ({@code rev=}) equals {@code git blame
 * --porcelain REV -- PATH} (commit, original path and line) for sampled files at 20 revisions; blame ignoring the
 * repository's {@code .git-blame-ignore-revs} against {@code git blame --ignore-revs-file} on the files the ignored
 * commits touched; a line's history against {@code git log -L N,N:PATH} on sampled lines, with both sides' times.
 *
 * <pre>java -cp … io.decisionlog.blame.bench.TimeTravelCheck GIT_DIR [FILES_PER_REVISION] [HISTORY_LINES] [IGNORE_FILES]</pre>
 */
public final class TimeTravelCheck {
    private static final Random RANDOM = new Random(21);

    private TimeTravelCheck() {
    }

    public static void main(String[] args) throws Exception {
        File gitDir = new File(args[0]);
        int filesPerRevision = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int historyLines = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        int ignoreFiles = args.length > 3 ? Integer.parseInt(args[3]) : 60;
        try (Repository repository = new FileRepositoryBuilder().setGitDir(gitDir).setMustExist(true).build()) {
            pastBlames(repository, gitDir, filesPerRevision);
            ignoreRevs(repository, gitDir, ignoreFiles);
            histories(repository, gitDir, historyLines);
        }
    }

    private static void pastBlames(Repository repository, File gitDir, int filesPerRevision) throws Exception {
        GitCli cli = new GitCli(gitDir.toPath());
        List<String> firstParents = List.of(cli.run("rev-list", "--first-parent", "HEAD").split("\n"));
        long lines = 0;
        long differ = 0;
        int files = 0;
        for (int r = 0; r < 20; r++) {
            String rev = firstParents.get(r * (firstParents.size() - 1) / 19);
            List<String> paths = sample(List.of(cli.run("ls-tree", "-r", "--name-only", rev).split("\n")),
                    filesPerRevision);
            for (String path : paths) {
                RepositoryBlame.Result ours = new RepositoryBlame(repository, 1_048_576, (d, t) -> { })
                        .blame(ObjectId.fromString(rev), path::equals);
                if (ours.files().isEmpty()) {
                    continue; // binary, a symlink, too large: a sync skips it too
                }
                List<String> mine = GitCli.asPorcelain(ours.files().get(0));
                List<String> theirs = cli.porcelain(rev, path);
                files++;
                lines += theirs.size();
                differ += differences(mine, theirs, path + " at " + rev.substring(0, 8), 3).size();
            }
        }
        System.out.printf("rev=: %d files at 20 revisions, %d lines, %d differ from git blame --porcelain REV -- PATH%n",
                files, lines, differ);
    }

    private static void ignoreRevs(Repository repository, File gitDir, int maxFiles) throws Exception {
        GitCli cli = new GitCli(gitDir.toPath());
        ObjectId head = repository.resolve("HEAD");
        IgnoreRevs ignore = IgnoreRevs.read(repository, head, List.of());
        if (ignore.commits().isEmpty()) {
            System.out.println("ignore-revs: the repository has no " + IgnoreRevs.FILE);
            return;
        }
        Path file = Files.createTempFile("ignore-revs", ".txt");
        Files.writeString(file, cli.run("show", "HEAD:" + IgnoreRevs.FILE));
        List<String> touched = new ArrayList<>();
        for (ObjectId commit : ignore.commits()) {
            for (String path : cli.run("show", "--format=", "--name-only", commit.name()).split("\n")) {
                if (!path.isBlank() && !touched.contains(path)
                        && !cli.run("ls-tree", "--name-only", "HEAD", "--", path).isBlank()) {
                    touched.add(path);
                }
            }
        }
        List<String> paths = sample(touched, maxFiles);
        long lines = 0;
        List<String> differ = new ArrayList<>();
        long ownedBefore = 0;
        RepositoryBlame blamer = new RepositoryBlame(repository, 1_048_576, (d, t) -> { }).ignoring(ignore.commits());
        long ours = 0;
        long theirs = 0;
        for (String path : paths) {
            long started = System.nanoTime();
            RepositoryBlame.Result result = blamer.blame(head, path::equals);
            ours += System.nanoTime() - started;
            if (result.files().isEmpty()) {
                continue;
            }
            started = System.nanoTime();
            List<String> gits = cli.porcelain("HEAD", path, "--ignore-revs-file", file.toString());
            theirs += System.nanoTime() - started;
            lines += gits.size();
            differ.addAll(differences(GitCli.asPorcelain(result.files().get(0)), gits, path, Integer.MAX_VALUE));
            for (String line : cli.porcelain("HEAD", path)) {
                ownedBefore += ignore.commits().contains(ObjectId.fromString(line.substring(0, 40))) ? 1 : 0;
            }
        }
        System.out.printf("ignore-revs (%d revisions): %d files the ignored commits touched, %d lines (%d of them the "
                        + "ignored commits' without ignoring), %d differ from git blame --ignore-revs-file (%.2f%%); "
                        + "ours %.1f s, git %.1f s%n", ignore.commits().size(), paths.size(), lines, ownedBefore,
                differ.size(), 100.0 * differ.size() / Math.max(1, lines), ours / 1e9, theirs / 1e9);
        differ.stream().limit(25).forEach(line -> System.out.println("  " + line));
        Files.delete(file);
    }

    private static void histories(Repository repository, File gitDir, int count) throws Exception {
        GitCli cli = new GitCli(gitDir.toPath());
        ObjectId head = repository.resolve("HEAD");
        List<String> paths = List.of(cli.run("ls-tree", "-r", "--name-only", "HEAD").split("\n"));
        int checked = 0;
        int equal = 0;
        long listed = 0;
        long ours = 0;
        long theirs = 0;
        LineLog log = new LineLog(repository, 1_048_576);
        while (checked < count) {
            String path = paths.get(RANDOM.nextInt(paths.size()));
            String text = cli.run("show", "HEAD:" + path);
            int lineCount = text.isEmpty() ? 0 : text.split("\n", -1).length - (text.endsWith("\n") ? 1 : 0);
            if (lineCount == 0 || text.indexOf('\0') >= 0 || text.length() > 1_048_576) {
                continue;
            }
            int line = 1 + RANDOM.nextInt(lineCount);
            long started = System.nanoTime();
            List<String> mine = log.log(head, path, line, 0, 100_000).changes().stream().map(LineLog.Change::sha).toList();
            ours += System.nanoTime() - started;
            started = System.nanoTime();
            List<String> gits = cli.lineLog("HEAD", path, line);
            theirs += System.nanoTime() - started;
            checked++;
            listed += gits.size();
            if (mine.equals(gits)) {
                equal++;
            } else if (checked - equal <= 5) {
                System.out.printf("  history of %s:%d: ours %d commits, git log -L %d%n", path, line, mine.size(),
                        gits.size());
            }
        }
        System.out.printf("history: %d of %d sampled lines list the same commits as git log -L (%d commits in all); "
                + "ours %.1f s, git %.1f s%n", equal, checked, listed, ours / 1e9, theirs / 1e9);
    }

    private static List<String> differences(List<String> ours, List<String> theirs, String where, int show) {
        List<String> differ = new ArrayList<>();
        if (ours.size() != theirs.size()) {
            differ.add(where + ": " + ours.size() + " lines, git " + theirs.size());
            return differ;
        }
        for (int i = 0; i < ours.size(); i++) {
            if (!ours.get(i).equals(theirs.get(i))) {
                differ.add(where + ":" + (i + 1) + " ours " + ours.get(i) + ", git " + theirs.get(i));
            }
        }
        differ.stream().limit(show).forEach(line -> System.out.println("  " + line));
        return differ;
    }

    private static List<String> sample(List<String> all, int count) {
        List<String> copy = new ArrayList<>(all);
        List<String> chosen = new ArrayList<>();
        while (!copy.isEmpty() && chosen.size() < count) {
            chosen.add(copy.remove(RANDOM.nextInt(copy.size())));
        }
        return chosen;
    }
}
