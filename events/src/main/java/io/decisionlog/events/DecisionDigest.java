package io.decisionlog.events;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The digest of a decision's chain in one repository, what a steward signs off: SHA-256 over the RFC 8785 form of
 * the decision's minutes and the {@link ChainDigest} of every commit of the repository that names the decision,
 * by sha. A new commit, a CI run, a changed signature verdict or a minutes revision gives another digest, so a
 * sign-off of the old one is visibly stale. The facts: docs/chain-digest.md.
 */
public final class DecisionDigest {
    static final int VERSION = 1;

    private DecisionDigest() {
    }

    /** @param minutes the decision's minutes, or null when none are known */
    public static String of(String decisionId, String repo, DecisionMinutes minutes, Collection<DecisionChain> chains) {
        return ofDigests(decisionId, repo, minutes, chains.stream().collect(Collectors.toMap(
                chain -> chain.commit().sha(), DecisionChain::digest, (first, same) -> first)));
    }

    /** The same digest from the commits' chain digests by sha, as an auditor holding only those recomputes it. */
    public static String ofDigests(String decisionId, String repo, DecisionMinutes minutes, Map<String, String> digests) {
        return ChainDigest.of(facts(decisionId, repo, minutes, digests));
    }

    public static ObjectNode facts(String decisionId, String repo, DecisionMinutes minutes,
                                   Map<String, String> digests) {
        ObjectNode facts = Json.MAPPER.createObjectNode();
        facts.put("v", VERSION);
        facts.put("decision_id", decisionId);
        facts.put("repo", repo);
        if (minutes != null) {
            ChainDigest.minutes(facts.putObject("minutes"), minutes);
        }
        ArrayNode commits = facts.putArray("chains");
        new TreeMap<>(digests).forEach((sha, digest) -> commits.addObject().put("sha", sha).put("digest", digest));
        return facts;
    }
}
