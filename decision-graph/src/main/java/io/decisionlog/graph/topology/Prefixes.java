package io.decisionlog.graph.topology;

import io.decisionlog.events.DecisionMinutes;
import io.decisionlog.events.Keys.CommitKey;
import io.decisionlog.events.Keys;
import io.decisionlog.graph.topology.FanOut.Target;
import io.decisionlog.graph.topology.LinkState.PrefixRequest;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
            Optional<CommitKey> qualified = Keys.tryParseCommit(entry);
            String repo = qualified.map(key -> key.repo().trim()).orElse(null);
            String prefix = lowerCase(qualified.map(CommitKey::sha).orElse(entry).trim());
            if (HEX.matcher(prefix).matches()) {
                requests.put(new Target(shard(prefix), CompositeKey.of(decisionId, entry)),
                        new PrefixRequest(decisionId, repo, prefix, entry));
            }
        }
        return requests;
    }

    /** The shard of a commit key, or null when its sha is too short to be a sha. */
    static String shardOfCommit(String commitKey) {
        String sha = shaOf(commitKey);
        return HEX.matcher(sha).matches() ? shard(sha) : null;
    }

    static boolean matches(PrefixRequest request, String commitKey) {
        return Keys.tryParseCommit(commitKey)
                .filter(key -> lowerCase(key.sha()).startsWith(request.prefix()))
                .filter(key -> request.repo() == null || request.repo().equals(key.repo()))
                .isPresent();
    }

    /** The sha of a commit key in lower case, as prefixes are; none ("") for a key that is no commit key. */
    static String shaOf(String commitKey) {
        return Keys.tryParseCommit(commitKey).map(key -> lowerCase(key.sha())).orElse("");
    }

    private static String lowerCase(String sha) {
        return sha.toLowerCase(Locale.ROOT);
    }

    private static String shard(String hex) {
        return hex.substring(0, MIN);
    }
}
