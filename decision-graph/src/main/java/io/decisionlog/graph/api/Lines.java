package io.decisionlog.graph.api;

import io.decisionlog.events.errors.BadRequest;
import io.decisionlog.events.errors.NotFound;
import io.decisionlog.graph.store.BlameFileRow;
import io.decisionlog.graph.store.LineAt;
import io.decisionlog.graph.store.TraceMemory;
import io.decisionlog.kit.auth.RepoAccess;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Finds files and lines in the store, or says precisely why not (unknown repository, unknown path, out of range). A
 * repository the caller's token is not scoped to is answered exactly as an unknown one.
 */
@ApplicationScoped
public class Lines {
    private final TraceMemory memory;
    private final RepoAccess access;

    @Inject
    public Lines(TraceMemory memory, RepoAccess access) {
        this.memory = memory;
        this.access = access;
    }

    /** The line and its commit's chain; {@code withBody}: with the chain's JSON even where trace parts are stored. */
    public LineAt at(String repo, String path, int line, boolean withBody) {
        requireVisible(repo);
        LineAt at = memory.lineAt(repo, path, line, withBody).orElseThrow(() -> unknownFile(repo, path));
        if (!at.inRange()) {
            throw new BadRequest("line " + line + " is out of range: " + path + " has " + at.fileLines()
                    + (at.fileLines() == 1 ? " line" : " lines") + " at " + shortRev(at.rev()));
        }
        return at;
    }

    public BlameFileRow file(String repo, String path) {
        requireVisible(repo);
        return BlameFileRow.of(repo, path).orElseThrow(() -> unknownFile(repo, path));
    }

    /** 404 that tells an unknown repository from an unknown path in a known one. */
    public void requireRepo(String repo) {
        requireVisible(repo);
        if (!BlameFileRow.repoKnown(repo)) {
            throw unknownRepo(repo);
        }
    }

    /** The caller may read the repository, or is told it is unknown. */
    public void requireVisible(String repo) {
        access.require(repo, () -> unknownRepo(repo));
    }

    private static NotFound unknownFile(String repo, String path) {
        if (!BlameFileRow.repoKnown(repo)) {
            return unknownRepo(repo);
        }
        return new NotFound("no file " + path + " in " + repo + " at its tip (not tracked, deleted, "
                + "binary or over the size limit; the blame-ingester's GET /api/v1/repos/" + repo + " lists skipped files)");
    }

    private static NotFound unknownRepo(String repo) {
        return new NotFound("repository " + repo + " is unknown: no blame of it has reached the store "
                + "(register it with the blame-ingester: POST /api/v1/repos, or ./decisionlog register-repo)");
    }

    private static String shortRev(String rev) {
        return rev == null || rev.length() < 7 ? String.valueOf(rev) : rev.substring(0, 7);
    }
}
