package io.decisionlog.graph.topology;

import io.decisionlog.events.DecisionMinutes;
import io.decisionlog.graph.topology.FanOut.Target;
import io.decisionlog.graph.topology.LinkState.PrefixRequest;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code commits:} entries of minutes as prefix requests: {@code a9f3c1e} or {@code acme/payments@a9f3c1e},
 * 7 to 40 hex digits. Requests are kept under the first seven hex digits of the sha, which every sha and every valid
 * prefix of it share, so that a commit finds the requests it may match. Entries that are no sha are skipped.
 */
final class Prefixes {
    static final int MIN = 7;
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{" + MIN + ",40}");

    private Prefixes() {
    }

    /** The requests of one decision's minutes, each under (first seven digits, decision SEP entry). */
    static Map<Target, PrefixRequest> requests(String decisionId, DecisionMinutes minutes) {
        Map<Target, PrefixRequest> requests = new LinkedHashMap<>();
        for (String raw : minutes.commits()) {
            if (raw == null) {
                continue;
            }
            String entry = raw.trim();
            int at = entry.lastIndexOf('@');
            String repo = at < 0 ? null : entry.substring(0, at).trim();
            String prefix = entry.substring(at + 1).trim().toLowerCase(Locale.ROOT);
            if (HEX.matcher(prefix).matches() && (repo == null || !repo.isEmpty())) {
                requests.put(new Target(shard(prefix), CompositeKey.of(decisionId, entry)),
                        new PrefixRequest(decisionId, repo, prefix, entry));
            }
        }
        return requests;
    }

    /** The shard of a commit key, or null when its sha is too short to be a sha. */
    static String shardOfCommit(String commitKey) {
        String sha = CompositeKey.shaOf(commitKey);
        return HEX.matcher(sha).matches() ? shard(sha) : null;
    }

    static boolean matches(PrefixRequest request, String commitKey) {
        return CompositeKey.shaOf(commitKey).startsWith(request.prefix())
                && (request.repo() == null || request.repo().equals(CompositeKey.repoOf(commitKey)));
    }

    private static String shard(String hex) {
        return hex.substring(0, MIN);
    }
}
