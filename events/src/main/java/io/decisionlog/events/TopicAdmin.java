package io.decisionlog.events;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates the topics a service needs if they are missing, and returns once their leaders take records. Idempotent:
 * services call it at every start.
 */
public final class TopicAdmin {
    private TopicAdmin() {
    }

    /**
     * @param replicationFactor 1 on the local runtime; 3 on a cluster (then {@code min.insync.replicas=2})
     * @return the names of the topics this call created
     */
    public static Set<String> ensureTopics(Admin admin, Collection<Topic<?>> topics, short replicationFactor)
            throws InterruptedException, TimeoutException {
        try {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream()
                    .filter(topic -> !existing.contains(topic.name()))
                    .map(topic -> newTopic(topic, replicationFactor))
                    .toList();
            Set<String> created = new TreeSet<>();
            admin.createTopics(missing).values().forEach((name, future) -> {
                try {
                    future.get(30, TimeUnit.SECONDS);
                    created.add(name);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + name + ": " + e.getCause().getMessage(), e);
                    }
                } catch (InterruptedException | TimeoutException e) {
                    throw new IllegalStateException("cannot create topic " + name + ": " + e, e);
                }
            });
            awaitLeaders(admin, topics);
            return created;
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot list topics: " + e.getCause().getMessage(), e);
        }
    }

    /**
     * Returns once the leader of every partition of the topics answers for it. A partition its leader has not taken
     * on yet, though the metadata already shows it, refuses a produce with a retriable error; an idempotent producer's
     * next batch, sent before the retry, is then the first that leader sees, and the refused batch is never taken: it
     * is retried as out of order until its delivery timeout (KAFKA-15591, fixed in the broker from Kafka 4.5). The
     * benchmark's preload, sent right after it created its topics, had a batch refused that way until it expired. A
     * ListOffsets the leader answers says that it has taken the partition on.
     */
    private static void awaitLeaders(Admin admin, Collection<Topic<?>> topics)
            throws InterruptedException, TimeoutException {
        List<String> names = topics.stream().map(Topic::name).toList();
        try {
            Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
            admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS).forEach((name, description) ->
                    description.partitions().forEach(partition ->
                            partitions.put(new TopicPartition(name, partition.partition()), OffsetSpec.latest())));
            admin.listOffsets(partitions).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("topics " + names + " have no leader taking records: "
                    + e.getCause().getMessage(), e);
        }
    }

    /**
     * For a service at start-up: connects, ensures the topics, and reports instead of throwing, so that a broker
     * that is not up yet leaves the service running (its readiness check says DOWN) rather than dead.
     *
     * @return a line for the log saying what happened
     */
    public static String ensureTopics(String bootstrapServers, Collection<Topic<?>> topics, short replicationFactor) {
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        try (Admin admin = Admin.create(config)) {
            Set<String> created = ensureTopics(admin, topics, replicationFactor);
            return created.isEmpty() ? "all " + topics.size() + " topics exist on " + bootstrapServers
                    : "created topics " + created + " on " + bootstrapServers;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while ensuring topics on " + bootstrapServers;
        } catch (TimeoutException | RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return "could not ensure topics on " + bootstrapServers + " (" + e.getMessage() + ": " + cause.getMessage()
                    + "); they are created at the next start, or by hand";
        }
    }

    static NewTopic newTopic(Topic<?> topic, short replicationFactor) {
        Map<String, String> config = new HashMap<>();
        config.put(TopicConfig.CLEANUP_POLICY_CONFIG,
                topic.compacted() ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE);
        if (topic.keptForever()) {
            config.put(TopicConfig.RETENTION_MS_CONFIG, "-1");
            config.put(TopicConfig.RETENTION_BYTES_CONFIG, "-1");
        }
        if (replicationFactor >= 3) {
            config.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2");
        }
        return new NewTopic(topic.name(), topic.partitions(), replicationFactor).configs(config);
    }
}
