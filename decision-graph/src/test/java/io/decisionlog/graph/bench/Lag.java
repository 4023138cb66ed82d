package io.decisionlog.graph.bench;

import io.decisionlog.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Whether a Streams application has worked off everything: no lag on its input topics, none on its repartition
 * topics (one offset of slack there, for the transaction marker after the last record), and no committed offset
 * moving since the last look.
 */
final class Lag implements AutoCloseable {
    private static final List<String> INPUTS = List.of(Topics.COMMITS.name(), Topics.CI_RUNS.name(),
            Topics.CI_DISPATCHES.name(), Topics.MINUTES.name());

    private final Admin admin;
    private final String group;
    private long lastCommittedSum = -1;

    Lag(String bootstrap, String group) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        this.group = group;
    }

    boolean drained() {
        try {
            Position position = position();
            boolean still = position.committedSum() == lastCommittedSum;
            lastCommittedSum = position.committedSum();
            return position.behind().isEmpty() && still;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            return false;
        }
    }

    /** The partitions not worked off and by how many records, in words: what a stalled application is stuck on. */
    String behind() throws Exception {
        Map<TopicPartition, Long> behind = position().behind();
        return behind.isEmpty() ? "no partition behind" : "behind: " + behind.entrySet().stream()
                .collect(Collectors.toMap(entry -> entry.getKey().toString(), Map.Entry::getValue, Long::sum,
                        TreeMap::new));
    }

    /** How far behind the end (read committed) each partition is, slack left out, and the committed offsets' sum. */
    private record Position(Map<TopicPartition, Long> behind, long committedSum) {
    }

    private Position position() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        Set<TopicPartition> partitions = new HashSet<>(committed.keySet());
        INPUTS.forEach(topic -> {
            for (int p = 0; p < Topics.PARTITIONS; p++) {
                partitions.add(new TopicPartition(topic, p));
            }
        });
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest,
                new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get();
        Map<TopicPartition, Long> behind = new HashMap<>();
        long committedSum = 0;
        for (TopicPartition partition : partitions) {
            long at = committed.containsKey(partition) && committed.get(partition) != null
                    ? committed.get(partition).offset() : 0;
            long lag = ends.get(partition).offset() - at;
            if (INPUTS.contains(partition.topic()) ? lag > 0 : lag > 1) {
                behind.put(partition, lag);
            }
            committedSum += at;
        }
        return new Position(behind, committedSum);
    }

    /** The end offset of every partition on the broker, summed per topic (transaction markers take offsets too). */
    Map<String, Long> endOffsets() throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(admin.listTopics().names().get()).allTopicNames().get().forEach((topic, description) ->
                description.partitions().forEach(p ->
                        latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
        Map<String, Long> ends = new TreeMap<>();
        admin.listOffsets(latest).all().get().forEach((partition, info) ->
                ends.merge(partition.topic(), info.offset(), Long::sum));
        return ends;
    }

    /**
     * What the broker took since {@code before} (end offsets, so with the transaction markers), per input record:
     * in all, and per topic from the largest, application id left out.
     */
    String written(Map<String, Long> before, long inputs) throws Exception {
        Map<String, Long> now = endOffsets();
        Map<String, Long> delta = new TreeMap<>();
        now.forEach((topic, end) -> {
            long written = end - before.getOrDefault(topic, 0L);
            if (written > 0 && !topic.startsWith("__")) {
                delta.put(topic.startsWith(group) ? topic.substring(group.length() + 1) : topic, written);
            }
        });
        long all = delta.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder out = new StringBuilder(String.format("broker records written while working it off: %.2f per"
                + " input record (offsets: transaction markers included)%n", (double) all / inputs));
        delta.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).forEach(topic ->
                out.append(String.format("  %-60s %.2f%n", topic.getKey(), (double) topic.getValue() / inputs)));
        return out.toString();
    }

    /** Records and bytes per topic on the broker: how much each input record fans out into. */
    String amplification(long inputs) throws Exception {
        Map<String, long[]> byTopic = new TreeMap<>();
        admin.describeLogDirs(List.of(1)).allDescriptions().get().values().forEach(dirs -> dirs.values().forEach(dir ->
                dir.replicaInfos().forEach((partition, info) ->
                        byTopic.computeIfAbsent(partition.topic(), t -> new long[2])[1] += info.size())));
        endOffsets().forEach((topic, end) -> byTopic.computeIfAbsent(topic, t -> new long[2])[0] = end);
        StringBuilder out = new StringBuilder();
        long records = 0;
        long bytes = 0;
        for (Map.Entry<String, long[]> topic : byTopic.entrySet()) {
            if (topic.getKey().startsWith("__")) {
                continue;
            }
            out.append(String.format("  %-90s %,10d records %,8d KiB%n", topic.getKey(), topic.getValue()[0],
                    topic.getValue()[1] / 1024));
            records += topic.getValue()[0];
            bytes += topic.getValue()[1];
        }
        return out.append(String.format("  all topics: %,d records (%.1f per input record), %,d KiB%n", records,
                (double) records / inputs, bytes / 1024)).toString();
    }

    @Override
    public void close() {
        admin.close();
    }
}
