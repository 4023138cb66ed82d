package io.decisionlog.blame.history;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The git command line: the oracle the blame is compared with, and a quick way to script test histories. */
public final class GitCli {
    static final String MISSING = "these tests compare against git itself; install git (Debian: apt-get install git)";

    private final Path dir;
    private int clock = 0;

    public GitCli(Path dir) {
        this.dir = dir;
    }

    /**
     * Fails, never skips, when there is no git command line: the tests that compare with git would otherwise pass
     * without comparing anything. git is a stated requirement of the test command (README, Tests; .ci/run).
     */
    public static void require() {
        String output;
        try {
            Process process = new ProcessBuilder("git", "--version").redirectErrorStream(true).start();
            output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError(MISSING + " (`git --version` failed: " + output + ")");
            }
        } catch (IOException e) {
            throw new AssertionError(MISSING + " (cannot run git: " + e.getMessage() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(MISSING + " (interrupted while running `git --version`)", e);
        }
    }

    public String run(String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-c", "core.autocrlf=false", "-c", "init.defaultBranch=main"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        // deterministic, increasing dates so that commit order is the order the test wrote them in
        String date = "2024-01-01T00:00:00Z".replace("00:00:00", String.format("%02d:%02d:00", clock / 60 % 24, clock % 60));
        env.putAll(new HashMap<>(Map.of(
                "GIT_AUTHOR_NAME", "Li Wei", "GIT_AUTHOR_EMAIL", "li.wei@example.com",
                "GIT_COMMITTER_NAME", "Li Wei", "GIT_COMMITTER_EMAIL", "li.wei@example.com",
                "GIT_AUTHOR_DATE", date, "GIT_COMMITTER_DATE", date)));
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("git " + String.join(" ", args) + " failed:\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public void commit(String message) {
        clock++;
        run("add", "-A");
        run("commit", "-q", "--allow-empty", "-m", message);
    }

    /**
     * Every line of {@code git blame --porcelain REV -- PATH} as "sha original-path original-line". The porcelain
     * names a commit's file with the commit's first lines only (without -C a commit's lines come from one path).
     */
    public List<String> porcelain(String rev, String path, String... options) {
        List<String> lines = new ArrayList<>();
        Map<String, String> files = new HashMap<>();
        String sha = null;
        String origLine = null;
        List<String> command = new ArrayList<>(List.of("blame", "--porcelain"));
        command.addAll(List.of(options));
        command.addAll(List.of(rev, "--", path));
        for (String line : run(command.toArray(String[]::new)).split("\n")) {
            if (line.matches("^[0-9a-f]{40} \\d+ \\d+( \\d+)?$")) {
                String[] fields = line.split(" ");
                sha = fields[0];
                origLine = fields[1];
            } else if (line.startsWith("filename ")) {
                files.put(sha, line.substring("filename ".length()));
            } else if (line.startsWith("\t")) {
                lines.add(sha + " " + files.get(sha) + " " + origLine);
            }
        }
        return lines;
    }

    /** Our blame of a file in {@link #porcelain}'s form: each line as "sha original-path original-line". */
    public static List<String> asPorcelain(FileBlame file) {
        List<String> lines = new ArrayList<>();
        file.ranges().forEach(range -> {
            for (int i = 0; i < range.count(); i++) {
                lines.add(range.sha() + " " + range.origPath() + " " + (range.origStart() + i));
            }
        });
        return lines;
    }

    /** The commits {@code git log -L LINE,LINE:PATH REV} lists, newest first. */
    public List<String> lineLog(String rev, String path, int line) {
        List<String> commits = new ArrayList<>();
        for (String out : run("log", "-L", line + "," + line + ":" + path, "--format=%H", "-s", rev).split("\n")) {
            if (out.matches("^[0-9a-f]{40}$")) {
                commits.add(out);
            }
        }
        return commits;
    }

    /** git blame --porcelain's commit for every line of the file at HEAD. */
    public List<String> blame(String path) {
        List<String> commits = new ArrayList<>();
        for (String line : run("blame", "--porcelain", "HEAD", "--", path).split("\n")) {
            if (line.matches("^[0-9a-f]{40} \\d+ \\d+( \\d+)?$")) {
                commits.add(line.substring(0, 40));
            }
        }
        return commits;
    }
}
