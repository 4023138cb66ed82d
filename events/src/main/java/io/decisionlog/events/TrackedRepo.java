package io.decisionlog.events;

import java.time.Instant;
import java.util.List;

/**
 * A repository registered with the blame-ingester and the last tip fully published ({@link Topics#REPOS}).
 * {@code ignoreRevs}: commits blame ignores besides those of the repository's {@code .git-blame-ignore-revs};
 * {@code gate}: the gate's rules for a change whose head has no {@code .decisionlog.yaml} (null: none);
 * {@code allowedSigners}: an allowed-signers file on the server its commits' SSH signatures are checked against
 * (null: the blame-ingester's global one); {@code requireSignoff}: every decision on its commits wants a current
 * steward sign-off, and a chain without one names it missing; {@code pgpKeyring}: an OpenPGP public keyring on the
 * server its commits' OpenPGP signatures are checked against (null: the global one).
 */
@WireFormat
public record TrackedRepo(
        String repo,
        String url,
        String branch,
        List<String> include,
        List<String> exclude,
        String tip,
        Instant syncedAt,
        List<String> ignoreRevs,
        GateRules gate,
        String allowedSigners,
        boolean requireSignoff,
        String pgpKeyring) {

    public TrackedRepo {
        include = Nulls.list(include);
        exclude = Nulls.list(exclude);
        ignoreRevs = Nulls.list(ignoreRevs);
    }

    /** A registration whose blame ignores only what the repository's {@code .git-blame-ignore-revs} names. */
    public TrackedRepo(String repo, String url, String branch, List<String> include, List<String> exclude, String tip,
                       Instant syncedAt) {
        this(repo, url, branch, include, exclude, tip, syncedAt, List.of(), null, null, false, null);
    }

    /** A registration that checks OpenPGP signatures against the global keyring. */
    public TrackedRepo(String repo, String url, String branch, List<String> include, List<String> exclude, String tip,
                       Instant syncedAt, List<String> ignoreRevs, GateRules gate, String allowedSigners,
                       boolean requireSignoff) {
        this(repo, url, branch, include, exclude, tip, syncedAt, ignoreRevs, gate, allowedSigners, requireSignoff, null);
    }

    /** A registration that asks for no steward sign-off. */
    public TrackedRepo(String repo, String url, String branch, List<String> include, List<String> exclude, String tip,
                       Instant syncedAt, List<String> ignoreRevs, GateRules gate, String allowedSigners) {
        this(repo, url, branch, include, exclude, tip, syncedAt, ignoreRevs, gate, allowedSigners, false, null);
    }

    /** The same registration, at another tip. */
    public TrackedRepo at(String newTip, Instant newSyncedAt) {
        return new TrackedRepo(repo, url, branch, include, exclude, newTip, newSyncedAt, ignoreRevs, gate, allowedSigners,
                requireSignoff);
    }
}
