package io.decisionlog.deploy.faults;

import io.decisionlog.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Which member of decision-graph's Streams group holds which partitions of the commits topic, whose partitions are
 * the topology's tasks (every input is co-partitioned with it): how the work is spread over the instances.
 */
record TaskSpread(Map<String, Set<Integer>> partitionsByMember) {
    static final String TOPIC = Topics.COMMITS.name();

    static TaskSpread of(Admin admin) {
        try {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(StackUnderTest.STREAMS_APPLICATION))
                    .all().get(10, TimeUnit.SECONDS).get(StackUnderTest.STREAMS_APPLICATION);
            Map<String, Set<Integer>> byMember = new TreeMap<>();
            for (MemberDescription member : group.members()) {
                byMember.put(member.clientId(), member.assignment().topicPartitions().stream()
                        .filter(partition -> partition.topic().equals(TOPIC)).map(TopicPartition::partition)
                        .collect(Collectors.toCollection(TreeSet::new)));
            }
            return new TaskSpread(byMember);
        } catch (Exception notNow) {
            return new TaskSpread(Map.of());
        }
    }

    /** Members holding at least one partition. */
    long membersWithWork() {
        return partitionsByMember.values().stream().filter(partitions -> !partitions.isEmpty()).count();
    }

    /** Every partition is held, each by exactly one member. */
    boolean complete() {
        List<Integer> held = partitionsByMember.values().stream().flatMap(Set::stream).toList();
        return held.size() == Topics.COMMITS.partitions() && Set.copyOf(held).size() == held.size();
    }

    @Override
    public String toString() {
        return partitionsByMember.entrySet().stream()
                .map(member -> shortName(member.getKey()) + " " + member.getValue())
                .collect(Collectors.joining(", "));
    }

    /** A Streams consumer's client id without the application's prefix and the thread's suffix: its process id. */
    static String shortName(String clientId) {
        String id = clientId.replaceFirst("^" + StackUnderTest.STREAMS_APPLICATION + "-", "")
                .replaceFirst("-StreamThread-.*$", "");
        return id.length() > 8 ? id.substring(0, 8) : id;
    }
}
