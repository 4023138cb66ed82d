package io.decisionlog.graph.store;

import java.io.Serializable;
import java.util.Objects;

/** The primary key of a {@link ChainRow}: a commit of a repository. */
public class CommitKey implements Serializable {
    public String repo;
    public String sha;

    public CommitKey() {
    }

    public CommitKey(String repo, String sha) {
        this.repo = repo;
        this.sha = sha;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CommitKey key && Objects.equals(repo, key.repo) && Objects.equals(sha, key.sha);
    }

    @Override
    public int hashCode() {
        return Objects.hash(repo, sha);
    }
}
