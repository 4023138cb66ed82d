package io.decisionlog.deploy.faults;

import io.decisionlog.deploy.local.TopicSnapshot;
import io.decisionlog.events.Keys;
import io.decisionlog.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** For lost runs: their records in decisionlog.ci.runs.v1, to tell a lost write from a lost join. */
final class LostRunRecords {
    private LostRunRecords() {
    }

    /** Run id to its records in the topic; empty when nothing was lost (the topic is then not read). */
    static Map<String, List<ConsumerRecord<String, byte[]>>> of(Set<String> lostIds, CiDeliveries deliveries,
                                                              String bootstrapServers) {
        if (lostIds.isEmpty()) {
            return Map.of();
        }
        Map<String, String> keys = new HashMap<>();
        for (CiDeliveries.Delivery delivery : deliveries.all()) {
            if (lostIds.contains(delivery.run.id())) {
                keys.put(Keys.ciRun("generic", delivery.run.repo(), delivery.run.runId(), 1), delivery.run.id());
            }
        }
        Map<String, List<ConsumerRecord<String, byte[]>>> found = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : TopicSnapshot.records(bootstrapServers,
                Topics.CI_RUNS.name(), keys::containsKey)) {
            found.computeIfAbsent(keys.get(record.key()), id -> new ArrayList<>()).add(record);
        }
        return found;
    }
}
