package io.decisionlog.cli.demo;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.MergeCommand;
import org.eclipse.jgit.api.MergeResult;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/** A non-bare repository being written: files, then commits with a fixed identity and date. */
final class WorkTree implements AutoCloseable {
    private final Git git;
    private final Path dir;
    private final Set<String> changed = new LinkedHashSet<>();
    private final Set<String> removed = new LinkedHashSet<>();

    private WorkTree(Git git, Path dir) {
        this.git = git;
        this.dir = dir;
    }

    static WorkTree init(Path dir) throws IOException, GitAPIException {
        Files.createDirectories(dir);
        Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch(SampleTeam.BRANCH).call();
        // the repository's own settings win over whatever ~/.gitconfig says: same bytes, no signing prompt
        StoredConfig config = git.getRepository().getConfig();
        config.setString("core", null, "autocrlf", "false");
        config.setBoolean("commit", null, "gpgsign", false);
        config.save();
        return new WorkTree(git, dir);
    }

    void write(String path, String text) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        changed.add(path);
    }

    /** Replaces the one occurrence of {@code from}; anything else is a mistake in this class. */
    void edit(String path, String from, String to) throws IOException {
        String text = Files.readString(dir.resolve(path), StandardCharsets.UTF_8);
        int at = text.indexOf(from);
        if (at < 0 || text.indexOf(from, at + 1) >= 0) {
            throw new IllegalStateException("'" + from + "' must occur exactly once in " + path);
        }
        write(path, text.substring(0, at) + to + text.substring(at + from.length()));
    }

    void rename(String from, String to) throws IOException {
        Path target = dir.resolve(to);
        Files.createDirectories(target.getParent());
        Files.move(dir.resolve(from), target);
        removed.add(from);
        changed.add(to);
    }

    SampleTeam.Commit commit(SampleTeam.Member who, String localDateTime, String message) throws GitAPIException {
        stage();
        PersonIdent ident = who.at(localDateTime);
        RevCommit commit = git.commit().setAuthor(ident).setCommitter(ident).setMessage(message)
                .setSign(false).setNoVerify(true).call();
        return new SampleTeam.Commit(commit.getName(), who, ident.getWhenAsInstant(), commit.getFullMessage());
    }

    void branch(String name, String startPoint) throws GitAPIException {
        git.checkout().setCreateBranch(true).setName(name).setStartPoint(startPoint).call();
    }

    void checkout(String name) throws GitAPIException {
        git.checkout().setName(name).call();
    }

    /** {@code git merge --no-ff BRANCH} with the given merger, date and message: a commit with two parents. */
    SampleTeam.Commit mergeNoFastForward(String branch, SampleTeam.Member who, String localDateTime, String message)
            throws GitAPIException, IOException {
        Ref ref = git.getRepository().exactRef("refs/heads/" + branch);
        MergeResult result = git.merge().include(ref).setFastForward(MergeCommand.FastForwardMode.NO_FF)
                .setCommit(false).call();
        if (result.getMergeStatus() != MergeResult.MergeStatus.MERGED_NOT_COMMITTED) {
            throw new IllegalStateException("merging " + branch + " gave " + result.getMergeStatus()
                    + (result.getConflicts() == null ? "" : ", conflicts in " + result.getConflicts().keySet()));
        }
        return commit(who, localDateTime, message);
    }

    private void stage() throws GitAPIException {
        if (!changed.isEmpty()) {
            var add = git.add();
            changed.forEach(add::addFilepattern);
            add.call();
        }
        if (!removed.isEmpty()) {
            var rm = git.rm().setCached(true);
            removed.forEach(rm::addFilepattern);
            rm.call();
        }
        changed.clear();
        removed.clear();
    }

    @Override
    public void close() {
        git.close();
    }
}
