package io.decisionlog.blame.history;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A past blame — the walk started at an old commit and restricted to one path, as {@code rev=} asks for it — equals
 * {@code git blame --porcelain REV -- PATH} line for line (commit, original path, original line), for every file at
 * every commit of a history with edits, whole-file renames and moves to another directory, a block moved within a
 * file, merges of branches and a reformatting commit. And a line's history lists the commits {@code git log -L N,N:PATH}
 * lists, on a sample of lines at several revisions.
 */
class TimeTravelFidelityTest {
    @TempDir
    static Path dir;
    private static GitCli git;
    private static final Random RANDOM = new Random(21);

    @BeforeAll
    static void buildHistory() throws IOException {
        GitCli.require();
        git = new GitCli(dir);
        git.run("init", "-q");
        write("deploy/values.yaml", TestHistory.lines(RANDOM, 40));
        write("config/app.yaml", TestHistory.lines(RANDOM, 30));
        write("config/db.yaml", TestHistory.lines(RANDOM, 20));
        write("README.md", "# payments\n\nWhy this exists.\n");
        git.commit("initial");
        for (int step = 1; step <= 26; step++) {
            switch (step) {
                case 5, 12, 20 -> mergeABranch(step);
                case 8 -> {
                    git.run("mv", "config/db.yaml", "config/database.yaml");
                    git.commit("rename db.yaml");
                }
                case 11 -> {
                    List<String> lines = read("deploy/values.yaml");
                    List<String> moved = new ArrayList<>(lines.subList(5, lines.size()));
                    moved.addAll(lines.subList(0, 5));
                    write("deploy/values.yaml", String.join("\n", moved) + "\n");
                    git.commit("move the first block of values.yaml to its end");
                }
                case 15 -> {
                    git.run("mv", "config/app.yaml", "config/application.yaml");
                    edit("config/application.yaml");
                    git.commit("rename app.yaml with an edit");
                }
                case 18 -> {
                    for (String path : List.of("config/application.yaml", "deploy/values.yaml")) {
                        write(path, String.join("\n", read(path)).replace(": ", ":   ") + "\n");
                    }
                    git.commit("reformat: align the values");
                }
                case 23 -> {
                    Files.createDirectories(dir.resolve("deploy/prod"));
                    git.run("mv", "deploy/values.yaml", "deploy/prod/values.yaml");
                    git.commit("move values.yaml to deploy/prod");
                }
                default -> {
                    edit(pick());
                    git.commit("edit " + step);
                }
            }
        }
    }

    @Test
    void shouldEqualGitBlameForEveryFileAtEveryRevision() throws IOException {
        List<String> revisions = List.of(git.run("rev-list", "HEAD").split("\n"));
        assertThat(revisions).hasSizeGreaterThanOrEqualTo(20);
        int files = 0;
        long lines = 0;
        try (Repository repository = new FileRepositoryBuilder().setGitDir(dir.resolve(".git").toFile()).build()) {
            RepositoryBlame blamer = new RepositoryBlame(repository, 1_048_576, (done, total) -> { });
            for (String rev : revisions) {
                for (String path : git.run("ls-tree", "-r", "--name-only", rev).split("\n")) {
                    RepositoryBlame.Result ours = blamer.blame(ObjectId.fromString(rev), path::equals);
                    assertThat(ours.files()).as("%s at %s", path, rev).hasSize(1);
                    assertThat(GitCli.asPorcelain(ours.files().get(0))).as("%s at %s", path, rev)
                            .isEqualTo(git.porcelain(rev, path));
                    files++;
                    lines += ours.files().get(0).lines();
                }
            }
        }
        assertThat(files).isGreaterThan(80);
        assertThat(lines).isGreaterThan(2_000);
    }

    @Test
    void shouldListTheCommitsGitLogLListsForEveryFifthLine() throws IOException {
        List<String> revisions = List.of(git.run("rev-list", "HEAD").split("\n"));
        int lines = 0;
        int listed = 0;
        try (Repository repository = new FileRepositoryBuilder().setGitDir(dir.resolve(".git").toFile()).build()) {
            LineLog log = new LineLog(repository, 1_048_576);
            for (String rev : List.of(revisions.get(0), revisions.get(3), revisions.get(10))) {
                for (String path : git.run("ls-tree", "-r", "--name-only", rev).split("\n")) {
                    int count = git.run("show", rev + ":" + path).split("\n", -1).length - 1;
                    for (int line = 1; line <= count; line += 5) {
                        List<String> ours = log.log(ObjectId.fromString(rev), path, line, 0, 1_000).changes().stream()
                                .map(LineLog.Change::sha).toList();
                        assertThat(ours).as("%s:%d at %s", path, line, rev).isEqualTo(git.lineLog(rev, path, line));
                        lines++;
                        listed += ours.size();
                    }
                }
            }
        }
        assertThat(lines).isGreaterThan(40);
        assertThat(listed).isGreaterThan(lines);
    }

    @Test
    void shouldIgnoreTheReformattingCommitAsGitBlameDoes() throws IOException {
        String reformat = git.run("log", "--format=%H", "--grep=reformat: align the values").strip();
        List<String> withoutIgnoring = new ArrayList<>(git.porcelain("HEAD", "config/application.yaml"));
        assertThat(withoutIgnoring).as("the reformatting commit owns lines when it is not ignored")
                .anyMatch(line -> line.startsWith(reformat));

        assertThat(compareIgnoring(List.of(reformat))).isEmpty();
    }

    /** Every commit that edited lines at random (inserted, deleted, replaced) ignored at once: git's fuzzy matching. */
    @Test
    void shouldIgnoreEditingCommitsAsGitBlameDoesOnNinetyNinePercentOfLines() throws IOException {
        List<String> edits = List.of(git.run("log", "--format=%H", "--grep=^edit ").strip().split("\n"));
        assertThat(edits).hasSizeGreaterThan(5);
        assertThat(git.porcelain("HEAD", "config/application.yaml")).as("edits own lines when not ignored")
                .anyMatch(line -> edits.contains(line.substring(0, 40)));

        List<String> differences = compareIgnoring(edits);

        assertThat(differences).as("lines attributed otherwise than git blame --ignore-revs-file (of %d)", comparedLines)
                .hasSizeLessThanOrEqualTo(comparedLines / 100);
    }

    private int comparedLines;

    /** Blames every file at every third revision ignoring {@code revs}, ours and git's; returns the lines that differ. */
    private List<String> compareIgnoring(List<String> revs) throws IOException {
        write(".git-blame-ignore-revs", "# ignored in this test\n" + String.join("\n", revs) + "\n");
        List<String> revisions = List.of(git.run("rev-list", "HEAD").split("\n"));
        java.util.Set<ObjectId> ignored = new java.util.HashSet<>();
        revs.forEach(rev -> ignored.add(ObjectId.fromString(rev)));
        List<String> differences = new ArrayList<>();
        comparedLines = 0;
        try (Repository repository = new FileRepositoryBuilder().setGitDir(dir.resolve(".git").toFile()).build()) {
            RepositoryBlame blamer = new RepositoryBlame(repository, 1_048_576, (done, total) -> { }).ignoring(ignored);
            for (int r = 0; r < revisions.size(); r += 3) {
                String rev = revisions.get(r);
                for (FileBlame file : blamer.blame(ObjectId.fromString(rev), path -> true).files()) {
                    List<String> ours = GitCli.asPorcelain(file);
                    List<String> theirs = git.porcelain(rev, file.path(), "--ignore-revs-file", ".git-blame-ignore-revs");
                    assertThat(ours).as(file.path()).hasSameSizeAs(theirs);
                    for (int i = 0; i < ours.size(); i++) {
                        comparedLines++;
                        if (!ours.get(i).equals(theirs.get(i))) {
                            differences.add(file.path() + ":" + (i + 1) + " at " + rev.substring(0, 7) + " ours "
                                    + ours.get(i) + ", git " + theirs.get(i));
                        }
                    }
                }
            }
        } finally {
            Files.delete(dir.resolve(".git-blame-ignore-revs"));
        }
        System.out.printf("ignoring %d commits: %d of %d lines differ from git blame --ignore-revs-file%n%s%n",
                revs.size(), differences.size(), comparedLines, String.join("\n", differences));
        return differences;
    }


    /** A branch off main with two commits to one file while main edits another, merged with --no-ff. */
    private static void mergeABranch(int step) throws IOException {
        String branch = "topic-" + step;
        git.run("checkout", "-q", "-b", branch);
        String sideFile = existing("deploy");
        edit(sideFile);
        git.commit(branch + ": first");
        edit(sideFile);
        git.commit(branch + ": second");
        git.run("checkout", "-q", "main");
        edit(existing("config"));
        git.commit("main while " + branch);
        git.run("merge", "-q", "--no-ff", "-m", "Merge " + branch, branch);
    }

    private static String pick() throws IOException {
        return RANDOM.nextBoolean() ? existing("deploy") : existing("config");
    }

    /** The first YAML file under the directory now (files move during the history). */
    private static String existing(String top) throws IOException {
        return git.run("ls-files", top).lines().filter(path -> path.endsWith(".yaml")).findFirst().orElseThrow();
    }

    /** A few lines changed, inserted or deleted at random. */
    private static void edit(String path) throws IOException {
        List<String> lines = read(path);
        for (int i = 0; i < 1 + RANDOM.nextInt(4); i++) {
            int at = RANDOM.nextInt(lines.size());
            switch (RANDOM.nextInt(3)) {
                case 0 -> lines.set(at, "key" + RANDOM.nextInt(30) + ": " + RANDOM.nextInt(100));
                case 1 -> lines.add(at, "key" + RANDOM.nextInt(30) + ": " + RANDOM.nextInt(100));
                default -> {
                    if (lines.size() > 5) {
                        lines.remove(at);
                    }
                }
            }
        }
        write(path, String.join("\n", lines) + "\n");
    }

    private static List<String> read(String path) throws IOException {
        return new ArrayList<>(Files.readAllLines(dir.resolve(path), StandardCharsets.UTF_8));
    }

    private static void write(String path, String content) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
