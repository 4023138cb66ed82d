package io.decisionlog.cli.gate;

import io.decisionlog.events.DecisionIds;
import io.decisionlog.events.GateRules;
import org.eclipse.jgit.revwalk.RevCommit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What in {@code base..head} must carry a decision, as the policy says: each commit that touched a governed path
 * (merges left out: their changes are the commits they merge), or the range as a whole, diffed from where the
 * branch left base.
 */
final class Targets {
    private Targets() {
    }

    static List<Target> of(GitRange range, List<RevCommit> commits, GatePolicy policy, DecisionIds ids,
                           List<PullRequestText.Found> fromPullRequest) throws IOException {
        if (policy.governed().isEmpty()) {
            return List.of();
        }
        return policy.require() == GateRules.Require.COMMIT ? eachCommit(range, commits, policy, ids)
                : List.of(wholeRange(range, commits, policy, ids, fromPullRequest)).stream()
                .filter(target -> !target.hunks().isEmpty()).toList();
    }

    private static List<Target> eachCommit(GitRange range, List<RevCommit> commits, GatePolicy policy, DecisionIds ids)
            throws IOException {
        List<Target> targets = new ArrayList<>();
        for (RevCommit commit : commits) {
            if (commit.getParentCount() > 1) {
                continue;
            }
            List<Hunk> hunks = range.changes(commit, policy);
            if (!hunks.isEmpty()) {
                targets.add(new Target(commit.name(), commit.getShortMessage(), hunks,
                        ids.inTrailers(GitRange.trailers(commit))));
            }
        }
        return targets;
    }

    private static Target wholeRange(GitRange range, List<RevCommit> commits, GatePolicy policy, DecisionIds ids,
                                     List<PullRequestText.Found> fromPullRequest) throws IOException {
        Set<String> carried = new LinkedHashSet<>();
        for (RevCommit commit : commits) {
            carried.addAll(ids.inTrailers(GitRange.trailers(commit)));
        }
        fromPullRequest.forEach(found -> carried.add(found.decisionId()));
        List<Hunk> hunks = range.changes(range.mergeBase(), range.head(), policy);
        return new Target(null, null, hunks, List.copyOf(carried));
    }
}
