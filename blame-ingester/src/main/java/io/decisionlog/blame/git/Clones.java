package io.decisionlog.blame.git;

import io.decisionlog.kit.git.GitRemotes;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.util.FileUtils;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Bare clones of tracked repositories under the data dir: never a working tree, no submodules, fetched with object
 * checking through the guarded transport ({@link GitRemotes}: policy, host-bound credentials, time limits). A clone is
 * made by init + fetch, so the first fetch is checked like the others.
 */
public final class Clones {
    private final Path root;
    private final GitRemotes remotes;

    public Clones(Path root, GitRemotes remotes) {
        this.root = root;
        this.remotes = remotes;
    }

    /**
     * Fetches the branch into the repository's bare clone and returns the branch tip. Tags that point into the
     * branch's history come along (so a past blame can be asked for by tag); other tags and branches do not.
     */
    public ObjectId fetch(String repo, String url, String branch) throws IOException, GitAPIException {
        Path dir = dirOf(repo);
        if (!Files.exists(dir.resolve("HEAD"))) {
            Files.createDirectories(dir);
            Git.init().setBare(true).setGitDir(dir.toFile()).call().close();
        }
        String ref = "refs/heads/" + branch;
        long started = System.nanoTime();
        try (Git git = Git.open(dir.toFile())) {
            try {
                remotes.guard(git.fetch()).setRemote(remotes.transportUrl(url)).setRefSpecs("+" + ref + ":" + ref)
                        .setCheckFetchedObjects(true).setTagOpt(TagOpt.AUTO_FOLLOW).setProgressMonitor(remotes.deadline())
                        .setRemoveDeletedRefs(false).call();
            } catch (TransportException e) {
                if (String.valueOf(e.getMessage()).contains("does not have " + ref)) {
                    throw new IllegalStateException("branch '" + branch + "' does not exist in " + url, e);
                }
                if (remotes.explain(e, started) instanceof IllegalStateException refused) {
                    throw refused;
                }
                throw e;
            }
            ObjectId tip = git.getRepository().resolve(ref);
            if (tip == null) {
                throw new IllegalStateException("branch '" + branch + "' does not exist in " + url);
            }
            return tip;
        }
    }

    public Repository open(String repo) throws IOException {
        return new FileRepositoryBuilder().setGitDir(dirOf(repo).toFile()).setMustExist(true).build();
    }

    /** The paths of the tip's tree that the rules track: what a sync of that tip published. */
    public List<String> trackedPaths(String repo, String tip, Predicate<String> tracked) throws IOException {
        List<String> paths = new ArrayList<>();
        if (tip == null || !Files.exists(dirOf(repo).resolve("HEAD"))) {
            return paths;
        }
        try (Repository repository = open(repo); TreeWalk tree = new TreeWalk(repository)) {
            tree.addTree(repository.parseCommit(ObjectId.fromString(tip)).getTree());
            tree.setRecursive(true);
            while (tree.next()) {
                if (tracked.test(tree.getPathString())) {
                    paths.add(tree.getPathString());
                }
            }
        }
        return paths;
    }

    /** Removes the repository's clone. */
    public void delete(String repo) throws IOException {
        Path dir = dirOf(repo);
        if (Files.exists(dir)) {
            FileUtils.delete(dir.toFile(), FileUtils.RECURSIVE | FileUtils.RETRY);
        }
    }

    private Path dirOf(String repo) {
        return root.resolve(URLEncoder.encode(repo, StandardCharsets.UTF_8) + ".git");
    }
}
