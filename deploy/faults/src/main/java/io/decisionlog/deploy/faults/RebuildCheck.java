package io.decisionlog.deploy.faults;

import com.fasterxml.jackson.databind.JsonNode;
import io.decisionlog.events.GitCommit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The store must equal a rebuild from scratch: {@code POST /api/v1/admin/rebuild}, the replay, every commit again. */
final class RebuildCheck {
    /** Each commit's stored chain before and after the rebuild, and the commits where they differ (sorted). */
    record Comparison(Map<String, Optional<JsonNode>> stored, Map<String, Optional<JsonNode>> rebuilt,
                      List<String> differing) {
    }

    private RebuildCheck() {
    }

    static Comparison run(SurvivorStore store, Set<String> commitKeys, Map<String, GitCommit> commits,
                          Map<String, Optional<JsonNode>> stored) {
        long rebuildStart = System.nanoTime();
        long generation = store.api().rebuild();
        Console.say("POST /api/v1/admin/rebuild: generation %d; waiting for the replay", generation);
        store.awaitProjection(generation, Duration.ofMinutes(4));
        Map<String, Optional<JsonNode>> rebuilt = store.fetchAll(commitKeys, commits);
        List<String> differing = commitKeys.stream().filter(key -> !stored.get(key).equals(rebuilt.get(key)))
                .sorted().toList();
        Console.say("rebuild replayed in %s; %d commits compared, %d differ", Console.since(rebuildStart),
                commitKeys.size(), differing.size());
        return new Comparison(stored, rebuilt, differing);
    }
}
