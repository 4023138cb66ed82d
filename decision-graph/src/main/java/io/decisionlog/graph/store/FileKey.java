package io.decisionlog.graph.store;

import java.io.Serializable;
import java.util.Objects;

/** The primary key of a {@link BlameFileRow}: a path in a repository. */
public class FileKey implements Serializable {
    public String repo;
    public String path;

    public FileKey() {
    }

    public FileKey(String repo, String path) {
        this.repo = repo;
        this.path = path;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FileKey key && Objects.equals(repo, key.repo) && Objects.equals(path, key.path);
    }

    @Override
    public int hashCode() {
        return Objects.hash(repo, path);
    }
}
