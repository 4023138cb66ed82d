package io.decisionlog.minutes;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;

/** A real git repository of minutes in a temporary directory, written and committed with JGit, for tests. */
public final class MinutesRepo implements AutoCloseable {
    private static final PersonIdent SCRIBE = new PersonIdent("Scribe", "scribe@example.com",
            Instant.parse("2024-04-10T10:00:00Z"), ZoneOffset.UTC);

    private final Path dir;
    private final Git git;

    private MinutesRepo(Path dir, Git git) {
        this.dir = dir;
        this.git = git;
    }

    public static MinutesRepo create(Path dir) {
        try {
            return new MinutesRepo(dir, Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call());
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path dir() {
        return dir;
    }

    public String url() {
        return dir.toString();
    }

    public MinutesRepo write(String path, String text) {
        return write(path, text.getBytes(StandardCharsets.UTF_8));
    }

    public MinutesRepo write(String path, byte[] bytes) {
        try {
            Path file = dir.resolve(path);
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
            git.add().addFilepattern(path).call();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Removes the repository from the disk, as a source whose repository went away. */
    public void deleteAll() {
        git.close();
        try {
            org.eclipse.jgit.util.FileUtils.delete(dir.toFile(), org.eclipse.jgit.util.FileUtils.RECURSIVE);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public MinutesRepo delete(String path) {
        try {
            git.rm().addFilepattern(path).call();
            return this;
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The sha of the branch's last commit. */
    public String head() {
        try {
            return git.getRepository().resolve("HEAD").getName();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the new commit's sha */
    public String commit(String message) {
        try {
            RevCommit commit = git.commit().setMessage(message).setAuthor(SCRIBE).setCommitter(SCRIBE)
                    .setAllowEmpty(true).setSign(false).call();
            return commit.getName();
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Minutes with one decision per id, titled {@code title}. */
    public static String minutes(String title, String... ids) {
        StringBuilder yaml = new StringBuilder("meeting: " + title + "\ndate: 2024-04-10\nattendees: [li.wei]\ndecisions:\n");
        for (String id : ids) {
            yaml.append("  - id: ").append(id).append('\n')
                    .append("    title: ").append(title).append(' ').append(id).append('\n')
                    .append("    status: accepted\n")
                    .append("    decision: do ").append(id).append('\n');
        }
        return yaml.toString();
    }

    @Override
    public void close() {
        git.close();
    }
}
