package io.decisionlog.minutes.sync;

import io.decisionlog.events.outbound.OutboundPolicy;
import io.decisionlog.events.paths.GlobSet;
import io.decisionlog.kit.git.GitRemotes;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.lib.SubmoduleConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A bare mirror of one minutes repository: fetched, never checked out (no working tree, no hooks run, no
 * submodules), files read straight from the trees of the branch tip. Only regular files count: a symlink or a
 * submodule under the minutes paths is ignored, so nothing outside the repository is ever read.
 */
public final class GitMirror implements AutoCloseable {
    private final Repository repository;
    /** One reader for the blobs of a sync: a mirror is used by one thread at a time (the source's lock). */
    private final ObjectReader reader;

    private GitMirror(Repository repository) {
        this.repository = repository;
        this.reader = repository.newObjectReader();
    }

    /** Opens the mirror in {@code dir}, creating an empty bare repository there on first use. */
    public static GitMirror open(Path dir) throws IOException {
        if (!Files.exists(dir.resolve("HEAD"))) {
            Files.createDirectories(dir);
            try {
                Git.init().setBare(true).setGitDir(dir.toFile()).call().close();
            } catch (GitAPIException e) {
                throw new IOException("cannot create a bare repository in " + dir + ": " + e.getMessage(), e);
            }
        }
        Repository repository = new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).build();
        StoredConfig config = repository.getConfig();
        if (config.getBoolean("gc", "autoDetach", true)) {
            // auto-gc after a fetch runs in the syncing thread, under the source's lock, never behind its back
            config.setBoolean("gc", null, "autoDetach", false);
            config.save();
        }
        return new GitMirror(repository);
    }

    /**
     * Fetches the branch from {@code url} into the mirror's own branch of that name.
     *
     * @return the branch tip
     * @throws SourceUnavailable saying why (no such repository, no such branch, timeout, authentication)
     */
    public ObjectId fetch(String url, String branch, GitRemotes remotes) {
        String ref = Constants.R_HEADS + branch;
        String shown = OutboundPolicy.withoutPassword(url);
        long started = System.nanoTime();
        try (Git git = new Git(repository)) {
            remotes.guard(git.fetch()).setRemote(remotes.transportUrl(url)).setRefSpecs(new RefSpec("+" + ref + ":" + ref))
                    .setTagOpt(TagOpt.NO_TAGS)
                    .setRecurseSubmodules(SubmoduleConfig.FetchRecurseSubmodulesMode.NO)
                    .setProgressMonitor(remotes.deadline())
                    .call();
            Ref fetched = repository.exactRef(ref);
            if (fetched == null || fetched.getObjectId() == null) {
                throw new SourceUnavailable("branch " + branch + " not found at " + shown);
            }
            return fetched.getObjectId();
        } catch (GitAPIException | IOException e) {
            Exception explained = remotes.explain(e, started);
            throw new SourceUnavailable("cannot fetch " + branch + " from " + shown + ": " + rootMessage(explained), e);
        } catch (RuntimeException e) {
            if (e instanceof SourceUnavailable) {
                throw e;
            }
            throw new SourceUnavailable("cannot fetch " + branch + " from " + shown + ": " + rootMessage(e), e);
        }
    }

    /** Every regular file of the commit's tree that the globs include: path to blob id. */
    public Map<String, ObjectId> files(ObjectId commit, GlobSet globs) throws IOException {
        Map<String, ObjectId> files = new HashMap<>();
        try (RevWalk walk = new RevWalk(repository); TreeWalk tree = new TreeWalk(repository)) {
            tree.addTree(walk.parseCommit(commit).getTree());
            tree.setRecursive(true);
            while (tree.next()) {
                if (isRegularFile(tree.getFileMode(0)) && globs.matches(tree.getPathString())) {
                    files.put(tree.getPathString(), tree.getObjectId(0));
                }
            }
        }
        return files;
    }

    /**
     * The included files that differ between two commits' trees: path to the new blob id, or to null when the
     * file is gone (deleted, or no longer a regular file). Empty when {@code from} is not in the mirror.
     */
    public Optional<Map<String, ObjectId>> changes(ObjectId from, ObjectId to, GlobSet globs) throws IOException {
        if (!repository.getObjectDatabase().has(from)) {
            return Optional.empty();
        }
        Map<String, ObjectId> changes = new HashMap<>();
        try (RevWalk walk = new RevWalk(repository); TreeWalk tree = new TreeWalk(repository)) {
            RevCommit old = walk.parseCommit(from);
            RevCommit tip = walk.parseCommit(to);
            tree.addTree(old.getTree());
            tree.addTree(tip.getTree());
            tree.setRecursive(true);
            tree.setFilter(TreeFilter.ANY_DIFF);
            while (tree.next()) {
                String path = tree.getPathString();
                if (!globs.matches(path)) {
                    continue;
                }
                boolean wasFile = isRegularFile(tree.getFileMode(0));
                boolean isFile = isRegularFile(tree.getFileMode(1));
                if (isFile) {
                    changes.put(path, tree.getObjectId(1));
                } else if (wasFile) {
                    changes.put(path, null);
                }
            }
        }
        return Optional.of(changes);
    }

    public long size(ObjectId blob) throws IOException {
        return reader.getObjectSize(blob, Constants.OBJ_BLOB);
    }

    public byte[] read(ObjectId blob) throws IOException {
        return reader.open(blob, Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE);
    }

    @Override
    public void close() {
        reader.close();
        repository.close();
    }

    private static boolean isRegularFile(FileMode mode) {
        return mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE;
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String own = e.getMessage();
        String root = cause.getMessage();
        return root == null || root.equals(own) || cause == e ? String.valueOf(own) : own + " (" + root + ")";
    }
}
