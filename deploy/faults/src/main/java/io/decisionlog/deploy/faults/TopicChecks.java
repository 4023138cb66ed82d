package io.decisionlog.deploy.faults;

import io.decisionlog.deploy.local.TopicSnapshot;
import io.decisionlog.events.Topic;
import io.decisionlog.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Replication of the contract's topics (and their min.insync.replicas), of Streams' internal topics, of Kafka's own;
 * the records in decision-graph's dead-letter topic. A line per finding; a problem's label starts with
 * {@value #PROBLEM}.
 */
final class TopicChecks {
    static final String PROBLEM = "PROBLEM";
    private static final String DLQ = Topics.GRAPH_DEAD_LETTERS.name();

    private TopicChecks() {
    }

    static Map<String, String> check(Admin admin, String bootstrapServers) throws Exception {
        Set<String> names = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get(10, TimeUnit.SECONDS);
        Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS);
        Map<String, String> problems = new LinkedHashMap<>();
        int contract = checkContractTopics(admin, names, described, problems);
        List<String> internal = names.stream().filter(name -> name.startsWith(StackUnderTest.STREAMS_APPLICATION + "-"))
                .sorted().toList();
        for (String name : internal) {
            int replicas = minReplicas(described.get(name));
            if (replicas != 3) {
                problems.put(name, "replication factor " + replicas);
            }
        }
        Map<String, String> report = new LinkedHashMap<>();
        report.put("contract topics", contract + " of " + Topics.ALL.size() + " exist, replication factor 3 and"
                + " min.insync.replicas=2 set on the topic (by TopicAdmin)" + (problems.isEmpty() ? "" : " — except below"));
        report.put("Streams internal topics", internal.size() + " (changelog, repartition), replication factor "
                + internal.stream().map(name -> minReplicas(described.get(name))).distinct().sorted().toList()
                + " (kafka-streams.replication.factor), min.insync.replicas from the broker default (2)");
        for (String name : List.of("__consumer_offsets", "__transaction_state")) {
            if (described.containsKey(name)) {
                report.put(name, "replication factor " + minReplicas(described.get(name)));
            }
        }
        if (described.containsKey(DLQ)) {
            report.put(DLQ, TopicSnapshot.records(bootstrapServers, DLQ, key -> true).size() + " records");
        }
        problems.forEach((name, problem) -> report.put(PROBLEM + " " + name, problem));
        return report;
    }

    /** Puts each contract topic's problem; returns how many of them exist. */
    private static int checkContractTopics(Admin admin, Set<String> names, Map<String, TopicDescription> described,
                                           Map<String, String> problems) throws Exception {
        List<ConfigResource> resources = Topics.ALL.stream().map(Topic::name).filter(names::contains)
                .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
        Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(10, TimeUnit.SECONDS);
        int contract = 0;
        for (Topic<?> topic : Topics.ALL) {
            TopicDescription description = described.get(topic.name());
            if (description == null) {
                problems.put(topic.name(), "missing");
                continue;
            }
            contract++;
            int replicas = minReplicas(description);
            ConfigEntry minIsr = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()))
                    .get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
            if (replicas != 3 || !"2".equals(minIsr.value()) || minIsr.source() != ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG) {
                problems.put(topic.name(), "replication factor " + replicas + ", min.insync.replicas " + minIsr.value()
                        + " (" + minIsr.source() + ")");
            }
        }
        return contract;
    }

    /** True when no finding is a problem. */
    static boolean allHeld(Map<String, String> findings) {
        return findings.keySet().stream().noneMatch(key -> key.startsWith(PROBLEM));
    }

    private static int minReplicas(TopicDescription description) {
        return description.partitions().stream().mapToInt(p -> p.replicas().size()).min().orElse(0);
    }
}
