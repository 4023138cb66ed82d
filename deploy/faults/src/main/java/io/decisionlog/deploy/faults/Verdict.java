package io.decisionlog.deploy.faults;

import com.fasterxml.jackson.databind.JsonNode;
import io.decisionlog.events.CiRun;
import io.decisionlog.events.DecisionChain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every delivery against the final chains and the store: an acknowledged (repo, run id) must be in exactly one
 * chain, once, and so in the store; nothing that was never sent may appear; a run sits in its own commit's chain.
 */
final class Verdict {
    private final CiDeliveries deliveries;
    private final Map<String, Integer> inChains = new HashMap<>();
    private final Map<String, Integer> inStore = new HashMap<>();
    private final Set<String> misplaced = new HashSet<>();
    private final Set<String> acknowledged = new HashSet<>();
    private final List<String> gaveUp = new ArrayList<>();
    private final int chainCount;

    Verdict(CiDeliveries deliveries, Plan plan, Map<String, DecisionChain> chains,
            Map<String, Optional<JsonNode>> stored, Set<String> commitKeys) {
        this.deliveries = deliveries;
        this.chainCount = chains.size();
        chains.forEach((commitKey, chain) -> {
            for (CiRun run : chain.ciRuns()) {
                String id = run.repo() + "#" + run.runId();
                inChains.merge(id, 1, Integer::sum);
                if (!commitKey.equals(run.commitKey())) {
                    misplaced.add(id);
                }
            }
        });
        stored.values().forEach(answer -> runIds(answer).forEach(id -> inStore.merge(id, 1, Integer::sum)));
        for (CiDeliveries.Delivery delivery : deliveries.all()) {
            if (delivery.outcome == CiDeliveries.Outcome.ACCEPTED
                    || delivery.outcome == CiDeliveries.Outcome.ALREADY_RECORDED) {
                acknowledged.add(delivery.run.id());
            } else if (delivery.outcome == CiDeliveries.Outcome.GAVE_UP) {
                gaveUp.add(delivery.run.id());
            }
        }
    }

    /** The (repo, run id)s in one stored chain's JSON, as {@code repo#run_id}. */
    static List<String> runIds(Optional<JsonNode> answer) {
        List<String> ids = new ArrayList<>();
        answer.ifPresent(chain -> chain.path("ci_runs").forEach(run ->
                ids.add(run.path("repo").asText() + "#" + run.path("run_id").asText())));
        return ids;
    }

    int sent() {
        return deliveries.all().size();
    }

    long accepted() {
        return deliveries.count(CiDeliveries.Outcome.ACCEPTED);
    }

    long alreadyRecorded() {
        return deliveries.count(CiDeliveries.Outcome.ALREADY_RECORDED);
    }

    long rejected() {
        return deliveries.count(CiDeliveries.Outcome.REJECTED);
    }

    long pending() {
        return deliveries.count(CiDeliveries.Outcome.PENDING);
    }

    List<String> gaveUp() {
        return gaveUp;
    }

    long gaveUpInChains() {
        return gaveUp.stream().filter(inChains::containsKey).count();
    }

    long inChains() {
        return acknowledged.stream().filter(id -> chainTimes(id) == 1).count();
    }

    long stored() {
        return acknowledged.stream().filter(id -> storeTimes(id) == 1).count();
    }

    /** Acknowledged, but absent from the final chains or from the store. */
    Set<String> lost() {
        Set<String> lost = new HashSet<>();
        for (String id : acknowledged) {
            if (chainTimes(id) == 0 || storeTimes(id) == 0) {
                lost.add(id);
            }
        }
        return lost;
    }

    /** Any run more than once in the chains or in the store. */
    Set<String> duplicated() {
        Set<String> duplicated = new HashSet<>();
        inChains.forEach((id, times) -> {
            if (times > 1) {
                duplicated.add(id);
            }
        });
        inStore.forEach((id, times) -> {
            if (times > 1) {
                duplicated.add(id);
            }
        });
        return duplicated;
    }

    /** In the chains or the store, but never sent. */
    Set<String> unexpected() {
        Set<String> unexpected = new HashSet<>();
        for (String id : inChains.keySet()) {
            if (!deliveries.byId().containsKey(id)) {
                unexpected.add(id);
            }
        }
        for (String id : inStore.keySet()) {
            if (!deliveries.byId().containsKey(id)) {
                unexpected.add(id);
            }
        }
        return unexpected;
    }

    Set<String> misplaced() {
        return misplaced;
    }

    int chainTimes(String id) {
        return inChains.getOrDefault(id, 0);
    }

    int storeTimes(String id) {
        return inStore.getOrDefault(id, 0);
    }

    int chainCount() {
        return chainCount;
    }
}
