package io.decisionlog.blame.git;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;

/**
 * Bare clones of tracked repositories under the data dir: never a working tree, no submodules, fetched with
 * object checking and a timeout. A clone is made by init + fetch, so the first fetch is checked like the others.
 */
public final class Clones {
    private final Path root;
    private final int timeoutSeconds;
    private final CredentialsProvider credentials;

    public Clones(Path root, int timeoutSeconds, Optional<String> httpsToken) {
        this.root = root;
        this.timeoutSeconds = timeoutSeconds;
        this.credentials = httpsToken.map(token -> new UsernamePasswordCredentialsProvider("x-access-token", token))
                .orElse(null);
    }

    /** Fetches the branch into the repository's bare clone and returns the branch tip. */
    public ObjectId fetch(String repo, String url, String branch) throws IOException, GitAPIException {
        Path dir = dirOf(repo);
        if (!Files.exists(dir.resolve("HEAD"))) {
            Files.createDirectories(dir);
            Git.init().setBare(true).setGitDir(dir.toFile()).call().close();
        }
        String ref = "refs/heads/" + branch;
        try (Git git = Git.open(dir.toFile())) {
            git.fetch().setRemote(normalize(url)).setRefSpecs("+" + ref + ":" + ref).setCheckFetchedObjects(true)
                    .setTimeout(timeoutSeconds).setCredentialsProvider(credentials).setRemoveDeletedRefs(false).call();
            ObjectId tip = git.getRepository().resolve(ref);
            if (tip == null) {
                throw new IllegalStateException("branch '" + branch + "' does not exist in " + url);
            }
            return tip;
        }
    }

    /** Checks that the URL answers as a git repository with that branch, within the timeout. */
    public void check(String url, String branch) throws GitAPIException {
        Collection<Ref> refs = Git.lsRemoteRepository().setRemote(normalize(url)).setHeads(true)
                .setTimeout(timeoutSeconds).setCredentialsProvider(credentials).call();
        if (refs.stream().noneMatch(ref -> ref.getName().equals("refs/heads/" + branch))) {
            throw new IllegalArgumentException("branch '" + branch + "' does not exist in " + url + "; it has "
                    + refs.stream().map(r -> r.getName().replace("refs/heads/", "")).toList());
        }
    }

    public Repository open(String repo) throws IOException {
        return new FileRepositoryBuilder().setGitDir(dirOf(repo).toFile()).setMustExist(true).build();
    }

    private Path dirOf(String repo) {
        return root.resolve(URLEncoder.encode(repo, StandardCharsets.UTF_8) + ".git");
    }

    /** A plain local path becomes a file URL; anything else is passed to JGit as given. */
    static String normalize(String url) {
        if (url.contains("://") || url.startsWith("git@")) {
            return url;
        }
        return Path.of(url).toAbsolutePath().toUri().toString();
    }
}
