package io.decisionlog.deploy.faults;

import com.fasterxml.jackson.databind.JsonNode;
import io.decisionlog.deploy.local.Wait;
import io.decisionlog.events.GitCommit;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** The surviving decision-graph's store, as the checks read it: its projection's progress and commits' chains. */
final class SurvivorStore {
    private final GraphApi survivor;
    private final int projectedPartitions;

    SurvivorStore(GraphApi survivor, int projectedPartitions) {
        this.survivor = survivor;
        this.projectedPartitions = projectedPartitions;
    }

    GraphApi api() {
        return survivor;
    }

    int projectedPartitions() {
        return projectedPartitions;
    }

    /**
     * Until the projection follows every partition, has no lag and, for a generation of 0 or more, runs in that
     * generation; and has applied nothing more over three answers in a row.
     */
    void awaitProjection(long generation, Duration timeout) {
        long[] lastApplied = {-1};
        int[] steady = {0};
        Wait.until("the surviving decision-graph's store projection to be caught up on all " + projectedPartitions
                + " partitions" + (generation >= 0 ? " in generation " + generation : ""), timeout, () -> {
            JsonNode status;
            try {
                status = survivor.projection();
            } catch (RuntimeException notNow) {
                return false;
            }
            boolean current = status.path("caught_up").asBoolean() && status.path("lag").asLong() == 0
                    && status.path("partitions").asInt() >= projectedPartitions
                    && (generation < 0 || status.path("generation").asLong() == generation);
            long applied = status.path("applied").asLong();
            steady[0] = current && applied == lastApplied[0] ? steady[0] + 1 : 0;
            lastApplied[0] = applied;
            if (!current) {
                Faults.sleep(Duration.ofMillis(500));
            }
            // three answers in a row with nothing more applied: the replay is over, not between two batches
            return steady[0] >= 3;
        });
    }

    /** Each commit's stored chain as JSON, empty where the store has none. */
    Map<String, Optional<JsonNode>> fetchAll(Set<String> commitKeys, Map<String, GitCommit> commits) {
        Map<String, Optional<JsonNode>> answers = new TreeMap<>();
        for (String key : commitKeys) {
            answers.put(key, fetch(commits.get(key)));
        }
        return answers;
    }

    Optional<JsonNode> fetch(GitCommit commit) {
        return survivor.commit(commit.repo(), commit.sha());
    }
}
