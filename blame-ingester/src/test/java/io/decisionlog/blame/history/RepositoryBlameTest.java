package io.decisionlog.blame.history;

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
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every line's commit equals git blame's, on a history with the cases that trip blame implementations up. */
class RepositoryBlameTest {
    @TempDir
    static Path dir;
    private static GitCli git;

    @BeforeAll
    static void buildHistory() throws IOException {
        GitCli.require();
        git = new GitCli(dir);
        git.run("init", "-q");
        write("deploy/values.yaml", lines("key", 1, 12));
        write("bin/run.sh", "#!/bin/sh\necho start\nexec app\n");
        write("README.md", "# payments\n\nWhy this exists.\n");
        write("crlf.txt", "one\r\ntwo\r\nthree\r\n");
        write("unicode.txt", "naïve café\n日本語の行\nemoji 🎉\n");
        write("empty.txt", "");
        Files.write(dir.resolve("logo.bin"), new byte[] {1, 2, 0, 3, 4});
        write("huge.txt", "x".repeat(100) + "\n".repeat(1) + lines("filler", 1, 400));
        Files.createSymbolicLink(dir.resolve("current"), Path.of("deploy/values.yaml"));
        git.commit("initial");

        edit("deploy/values.yaml", 3, "key3: changed on main");
        edit("deploy/values.yaml", 7, "key7: changed on main");
        append("deploy/values.yaml", "key13: added\n");
        edit("crlf.txt", 2, "TWO\r");
        git.commit("tune values");

        git.run("checkout", "-q", "-b", "feature");
        edit("deploy/values.yaml", 5, "key5: changed on feature");
        git.run("mv", "bin/run.sh", "bin/deploy.sh");
        edit("bin/deploy.sh", 2, "echo deploying");
        append("unicode.txt", "ünïcödé on feature\n");
        git.commit("feature: rename the script, tune key5");
        edit("deploy/values.yaml", 11, "key11: feature again");
        git.commit("feature: key11");

        git.run("checkout", "-q", "main");
        edit("deploy/values.yaml", 9, "key9: changed on main");
        edit("README.md", 3, "Why this exists, in one line.");
        git.commit("main: key9 and readme");
        git.run("merge", "-q", "--no-ff", "-m", "Merge feature", "feature");

        // a block moved down: without -M, git blames the moved lines on this commit
        List<String> values = read("deploy/values.yaml");
        List<String> moved = new ArrayList<>(values.subList(0, 2));
        List<String> rest = new ArrayList<>(values.subList(2, values.size()));
        rest.addAll(moved);
        Files.write(dir.resolve("deploy/values.yaml"), (String.join("\n", rest) + "\n").getBytes(StandardCharsets.UTF_8));
        write("unicode.txt", "");
        git.commit("move the first block to the end; empty unicode.txt");
        write("unicode.txt", "re-created\nnaïve café\n");
        git.run("rm", "-q", "README.md");
        git.commit("re-create unicode.txt, drop the readme");

        // both sides edit the same file, and the merge itself changes a line (an "evil" merge)
        git.run("checkout", "-q", "-b", "hotfix");
        edit("deploy/values.yaml", 4, "key4: hotfix");
        git.commit("hotfix: key4");
        git.run("checkout", "-q", "main");
        edit("deploy/values.yaml", 8, "key8: main while hotfix");
        git.commit("main: key8");
        git.run("merge", "-q", "--no-ff", "--no-commit", "hotfix");
        edit("deploy/values.yaml", 6, "key6: changed in the merge itself");
        git.run("add", "-A");
        git.commit("Merge hotfix");
    }

    @Test
    void shouldAttributeEveryLineToTheCommitGitBlameNames() throws IOException {
        RepositoryBlame.Result result = blame();
        Map<String, FileBlame> files = result.files().stream().collect(Collectors.toMap(FileBlame::path, f -> f));
        assertThat(files).containsKeys("deploy/values.yaml", "bin/deploy.sh", "crlf.txt", "unicode.txt", "empty.txt");
        for (FileBlame file : files.values()) {
            List<String> ours = IntStream.range(0, file.lines()).mapToObj(file::commitOf).toList();
            assertThat(ours).as(file.path()).isEqualTo(git.blame(file.path()));
        }
    }

    @Test
    void shouldSkipBinariesLargeFilesAndSymlinksWithTheReason() throws IOException {
        Map<String, String> skipped = blame().skipped().stream()
                .collect(Collectors.toMap(Skipped::path, Skipped::reason));
        assertThat(skipped).containsEntry("logo.bin", "binary").containsEntry("current", "symbolic link");
        assertThat(skipped.get("huge.txt")).startsWith("over the size limit");
    }

    @Test
    void shouldFollowAWholeFileRename() throws IOException {
        FileBlame script = blame().files().stream().filter(f -> f.path().equals("bin/deploy.sh")).findFirst().orElseThrow();
        assertThat(script.ranges()).anySatisfy(range -> assertThat(range.origPath()).isEqualTo("bin/run.sh"));
    }

    @Test
    void shouldGiveEmptyFilesNoLines() throws IOException {
        FileBlame empty = blame().files().stream().filter(f -> f.path().equals("empty.txt")).findFirst().orElseThrow();
        assertThat(empty.lines()).isZero();
        assertThat(empty.ranges()).isEmpty();
    }

    private static RepositoryBlame.Result blame() throws IOException {
        try (Repository repository = new FileRepositoryBuilder().setGitDir(dir.resolve(".git").toFile()).build()) {
            return new RepositoryBlame(repository, 4_000, (done, total) -> { })
                    .blame(repository.resolve("HEAD"), path -> true);
        }
    }

    private static String lines(String prefix, int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> prefix + i + ": v" + i + "\n").collect(Collectors.joining());
    }

    private static void write(String path, String content) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, content.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> read(String path) throws IOException {
        return new ArrayList<>(List.of(Files.readString(dir.resolve(path), StandardCharsets.UTF_8).split("\n", -1)))
                .subList(0, (int) Files.readString(dir.resolve(path)).chars().filter(c -> c == '\n').count());
    }

    private static void edit(String path, int line, String replacement) throws IOException {
        List<String> lines = read(path);
        lines.set(line - 1, replacement);
        Files.write(dir.resolve(path), (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static void append(String path, String text) throws IOException {
        Files.writeString(dir.resolve(path), text, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
    }
}
