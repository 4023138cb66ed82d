package io.decisionlog.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One commit of a tracked repository ({@link Topics#COMMITS}). {@code introduced} lists, for a merge commit on
 * the tracked branch, the commits reachable from its other parents but not from its first parent. {@code signature}:
 * its signature as the blame-ingester verified it (null in records published before signatures were checked).
 */
@WireFormat
public record GitCommit(
        String repo,
        String sha,
        List<String> parents,
        Person author,
        Person committer,
        Instant authoredAt,
        Instant committedAt,
        String subject,
        String message,
        Map<String, List<String>> trailers,
        List<String> decisionIds,
        List<String> introduced,
        CommitSignature signature) {

    public GitCommit {
        parents = Nulls.list(parents);
        trailers = Nulls.map(trailers);
        decisionIds = Nulls.list(decisionIds);
        introduced = Nulls.list(introduced);
    }

    /** A commit whose signature was not checked. */
    public GitCommit(String repo, String sha, List<String> parents, Person author, Person committer, Instant authoredAt,
                     Instant committedAt, String subject, String message, Map<String, List<String>> trailers,
                     List<String> decisionIds, List<String> introduced) {
        this(repo, sha, parents, author, committer, authoredAt, committedAt, subject, message, trailers, decisionIds,
                introduced, null);
    }

    public GitCommit withSignature(CommitSignature checked) {
        return new GitCommit(repo, sha, parents, author, committer, authoredAt, committedAt, subject, message, trailers,
                decisionIds, introduced, checked);
    }

    public String key() {
        return Keys.commit(repo, sha);
    }
}
