package io.decisionlog.deploy.faults;

import com.fasterxml.jackson.databind.JsonNode;
import io.decisionlog.deploy.local.KafkaCluster;
import io.decisionlog.events.CiRun;
import io.decisionlog.events.DecisionChain;
import io.decisionlog.events.GitCommit;
import io.decisionlog.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** After the load: until the chains topic, then the surviving instance's store, have taken in what was acknowledged. */
final class CatchUp {
    private final Settings settings;
    private final KafkaCluster cluster;
    private final SurvivorStore store;

    CatchUp(Settings settings, KafkaCluster cluster, SurvivorStore store) {
        this.settings = settings;
        this.cluster = cluster;
        this.store = store;
    }

    /**
     * Until every acknowledged run and every pushed commit is in the latest chains and decision-graph's Streams
     * group has no lag; or, when something never arrives, until the chains have been quiet for 30 s with no lag
     * (then the verdict says what is missing); bounded by --catch-up-timeout.
     */
    void awaitChains(Set<String> acknowledged, Set<String> commitKeys) {
        try (Admin admin = cluster.admin(); ChainsReader reader = new ChainsReader(cluster.bootstrapServers())) {
            awaitChains(admin, reader, acknowledged, commitKeys);
        }
    }

    private void awaitChains(Admin admin, ChainsReader reader, Set<String> acknowledged, Set<String> commitKeys) {
        long deadline = System.nanoTime() + settings.catchUpTimeout().toNanos();
        long nextCheck = 0;
        long nextSay = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            reader.poll(Duration.ofMillis(500));
            if (System.nanoTime() < nextCheck) {
                continue;
            }
            nextCheck = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            Set<String> seen = runsIn(reader);
            long missingRuns = acknowledged.stream().filter(id -> !seen.contains(id)).count();
            long missingCommits = commitKeys.stream().filter(key -> !reader.latest().containsKey(key)).count();
            long lag = streamsLag(admin);
            if (missingRuns == 0 && missingCommits == 0 && lag == 0) {
                Console.say("chains caught up: every acknowledged run and pushed commit is in %s, Streams lag 0",
                        Topics.CHAINS.name());
                return;
            }
            boolean quiet = reader.quietFor().compareTo(Duration.ofSeconds(30)) >= 0;
            if (quiet && lag == 0) {
                Console.say("chains settled (no Streams lag, quiet for 30 s) with %d acknowledged runs and %d commits"
                        + " not in them", missingRuns, missingCommits);
                return;
            }
            if (System.nanoTime() > deadline) {
                Console.say("chains did not catch up within %s: %d acknowledged runs and %d commits missing, Streams"
                        + " lag %d", Console.seconds(settings.catchUpTimeout()), missingRuns, missingCommits, lag);
                return;
            }
            if (System.nanoTime() > nextSay) {
                nextSay = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
                Console.say("  catching up: %d acknowledged runs and %d commits not in the chains yet, Streams lag %d",
                        missingRuns, missingCommits, lag);
            }
        }
    }

    private static Set<String> runsIn(ChainsReader reader) {
        Set<String> seen = new HashSet<>();
        for (DecisionChain chain : reader.latest().values()) {
            for (CiRun run : chain.ciRuns()) {
                seen.add(run.repo() + "#" + run.runId());
            }
        }
        return seen;
    }

    /** Records of decision-graph's input and repartition topics that its Streams group has not committed past. */
    private static long streamsLag(Admin admin) {
        try {
            Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names()
                    .get(10, TimeUnit.SECONDS).stream()
                    .filter(name -> List.of(Topics.COMMITS.name(), Topics.CI_RUNS.name(), Topics.CI_DISPATCHES.name(),
                            Topics.MINUTES.name()).contains(name)
                            || (name.startsWith(StackUnderTest.STREAMS_APPLICATION + "-") && name.endsWith("-repartition")))
                    .collect(Collectors.toSet());
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            for (TopicDescription topic : admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).values()) {
                for (TopicPartitionInfo partition : topic.partitions()) {
                    ends.put(new TopicPartition(topic.name(), partition.partition()), OffsetSpec.latest());
                }
            }
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(StackUnderTest.STREAMS_APPLICATION)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            var offsets = admin.listOffsets(ends, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                    .all().get(10, TimeUnit.SECONDS);
            long lag = 0;
            for (var entry : offsets.entrySet()) {
                OffsetAndMetadata at = committed.get(entry.getKey());
                lag += Math.max(0, entry.getValue().offset() - (at == null ? 0 : at.offset()));
            }
            return lag;
        } catch (Exception notNow) {
            return -1;
        }
    }

    /** The whole chains topic read to its end (read_committed): the latest chain per commit key. */
    Map<String, DecisionChain> readChains() {
        try (ChainsReader finalRead = ChainsReader.readAll(cluster.bootstrapServers(), Duration.ofMinutes(2))) {
            Map<String, DecisionChain> chains = new HashMap<>(finalRead.latest());
            Console.say("final read of %s (read_committed, to its end): %d records, %d chains",
                    Topics.CHAINS.name(), finalRead.records(), chains.size());
            return chains;
        }
    }

    /**
     * Waits for the surviving instance's projection to follow every partition and be caught up, then reads every
     * commit's chain from the store; commits whose runs differ from the chains topic are read again for up to 60 s.
     */
    Map<String, Optional<JsonNode>> awaitStore(Set<String> commitKeys, Map<String, GitCommit> commits,
                                               Map<String, DecisionChain> chains) {
        long start = System.nanoTime();
        store.awaitProjection(-1, settings.catchUpTimeout());
        Map<String, Optional<JsonNode>> stored = store.fetchAll(commitKeys, commits);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<String> differing = differing(stored, chains, commitKeys);
        while (!differing.isEmpty() && System.nanoTime() < deadline) {
            Faults.sleep(Duration.ofSeconds(2));
            for (String key : differing) {
                stored.put(key, store.fetch(commits.get(key)));
            }
            differing = differing(stored, chains, commitKeys);
        }
        Console.say("store caught up in %s: %d commits read from decision-graph-b, %d differ from the chains topic",
                Console.since(start), stored.size(), differing.size());
        return stored;
    }

    private static List<String> differing(Map<String, Optional<JsonNode>> stored, Map<String, DecisionChain> chains,
                                          Set<String> commitKeys) {
        List<String> differing = new ArrayList<>();
        for (String key : commitKeys) {
            DecisionChain chain = chains.get(key);
            List<String> inTopic = chain == null ? List.of()
                    : chain.ciRuns().stream().map(run -> run.repo() + "#" + run.runId()).sorted().toList();
            List<String> inStore = Verdict.runIds(stored.get(key)).stream().sorted().toList();
            if (!inTopic.equals(inStore) || (chain == null) != stored.get(key).isEmpty()) {
                differing.add(key);
            }
        }
        return differing;
    }
}
