package io.decisionlog.kit.auth;

import io.decisionlog.events.errors.NotFound;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import java.util.Set;
import java.util.function.Supplier;

/**
 * Which repositories (and minutes sources) the caller may read. Another repository's data is answered exactly as an
 * unknown one is — the same 404 and message — so a scoped token cannot learn what exists.
 */
@RequestScoped
public class RepoAccess {
    private final Set<String> repos;

    @Inject
    public RepoAccess(SecurityIdentity identity) {
        this.repos = Principals.repos(identity);
    }

    /** True when the caller may read everything. */
    public boolean unscoped() {
        return repos.isEmpty();
    }

    public boolean maySee(String repo) {
        return repos.isEmpty() || repos.contains(repo);
    }

    /** @throws NotFound the caller's "unknown" answer when it may not read the repository */
    public void require(String repo, Supplier<NotFound> unknown) {
        if (!maySee(repo)) {
            throw unknown.get();
        }
    }

    /** The repositories the caller is scoped to; empty when unscoped. */
    public Set<String> scope() {
        return repos;
    }
}
