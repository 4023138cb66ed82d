package io.decisionlog.blame.sync;

import io.decisionlog.blame.git.SignedTags;
import io.decisionlog.blame.git.Signatures;
import io.decisionlog.events.CommitSignature;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The signed tags' coverage of one sync: the verdict each covered commit carries now, and which commits carry
 * another than the one they were last published with. Computed only when a tag (or the trust) changed since then;
 * otherwise the published coverage stands, and telling so costs reading the refs and a small file.
 */
final class CoveredCommits {
    private final Repository repository;
    private final String repo;
    private final ObjectId tip;
    private final Signatures trust;
    private final PublishedTags published;
    private final String state;
    private final boolean changed;
    private Map<String, CommitSignature> before;
    private Map<String, CommitSignature> now;

    private CoveredCommits(Repository repository, String repo, ObjectId tip, Signatures trust, PublishedTags published,
                           String state, boolean changed) {
        this.repository = repository;
        this.repo = repo;
        this.tip = tip;
        this.trust = trust;
        this.published = published;
        this.state = state;
        this.changed = changed;
    }

    static CoveredCommits of(Repository repository, String repo, ObjectId tip, Signatures trust,
                             PublishedTags published) throws IOException {
        String state = SignedTags.state(repository, trust);
        return new CoveredCommits(repository, repo, tip, trust, published, state, !state.equals(published.state(repo)));
    }

    /** True when a tag or the trust changed since the commits were last published. */
    boolean changed() {
        return changed;
    }

    /** The verdict of the signed tag that covers the commit; null when none does. */
    CommitSignature of(String sha) throws IOException {
        return now().get(sha);
    }

    /** The commits whose covering verdict is another than the one they were last published with. */
    List<String> changedCommits() throws IOException {
        if (!changed) {
            return List.of();
        }
        Map<String, CommitSignature> after = now();
        Set<String> shas = new HashSet<>(before().keySet());
        shas.addAll(after.keySet());
        return shas.stream().filter(sha -> !Objects.equals(before().get(sha), after.get(sha))).sorted().toList();
    }

    int covered() throws IOException {
        return now().size();
    }

    /** Keeps the coverage as published, once Kafka acknowledged the commits that carry it. */
    void record() throws IOException {
        if (changed) {
            published.write(repo, state, now());
        }
    }

    private Map<String, CommitSignature> before() {
        if (before == null) {
            before = published.covered(repo);
        }
        return before;
    }

    private Map<String, CommitSignature> now() throws IOException {
        if (now == null) {
            now = changed ? SignedTags.coverage(repository, tip, trust) : before();
        }
        return now;
    }
}
