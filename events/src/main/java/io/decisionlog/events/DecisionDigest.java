package io.decisionlog.events;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Collection;
import java.util.Comparator;

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
        return ChainDigest.of(facts(decisionId, repo, minutes, chains));
    }

    public static ObjectNode facts(String decisionId, String repo, DecisionMinutes minutes,
                                   Collection<DecisionChain> chains) {
        ObjectNode facts = Json.MAPPER.createObjectNode();
        facts.put("v", VERSION);
        facts.put("decision_id", decisionId);
        facts.put("repo", repo);
        if (minutes != null) {
            ChainDigest.minutes(facts.putObject("minutes"), minutes);
        }
        ArrayNode commits = facts.putArray("chains");
        chains.stream().sorted(Comparator.comparing(chain -> chain.commit().sha())).forEach(chain -> commits.addObject()
                .put("sha", chain.commit().sha()).put("digest", chain.digest()));
        return facts;
    }
}
