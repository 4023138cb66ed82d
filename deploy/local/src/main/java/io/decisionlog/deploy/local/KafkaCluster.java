package io.decisionlog.deploy.local;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real multi-node Kafka cluster in KRaft mode for fault tests: {@code n} separate broker JVMs, each broker and
 * controller (a static quorum of all {@code n}), all on 127.0.0.1, with the durability of a production cluster
 * (replication factor {@code n}, min.insync.replicas 2 from three nodes on). Nodes can be killed (SIGKILL) and
 * restarted on the same ports and data. Every node exits by itself when the JVM that started it is gone.
 */
public final class KafkaCluster implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    private final Path dir;
    private final String clusterId;
    private final Map<Integer, ClusterNodeSpec> specs;
    private final Map<Integer, KafkaBroker> nodes = new TreeMap<>();

    private KafkaCluster(Path dir, String clusterId, Map<Integer, ClusterNodeSpec> specs) {
        this.dir = dir;
        this.clusterId = clusterId;
        this.specs = specs;
    }

    /**
     * Writes each node's configuration under {@code dir/node-<id>}, formats and starts all nodes at once, and returns
     * when every node is in the cluster's metadata. Node {@code i} (1-based) listens on {@code firstPort + i - 1}
     * and its controller on {@code firstControllerPort + i - 1}; a first port of 0 picks free ports.
     */
    public static KafkaCluster start(Path dir, int size, int firstPort, int firstControllerPort) throws IOException {
        if (size < 1) {
            throw new IllegalArgumentException("a cluster needs at least one node, not " + size);
        }
        Map<Integer, ClusterNodeSpec> specs = ClusterNodeSpec.plan(dir, size, firstPort, firstControllerPort);
        KafkaCluster cluster = new KafkaCluster(dir, Uuid.randomUuid().toString(), specs);
        try {
            cluster.startAll();
            cluster.awaitMembers(specs.keySet(), READY_TIMEOUT);
            return cluster;
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    public String bootstrapServers() {
        return specs.values().stream().map(spec -> Ports.LOOPBACK + ":" + spec.port()).collect(Collectors.joining(","));
    }

    public Set<Integer> nodeIds() {
        return specs.keySet();
    }

    public Path dir() {
        return dir;
    }

    /** The node's current process (a new one after each restart). */
    public synchronized KafkaBroker node(int id) {
        KafkaBroker node = nodes.get(id);
        if (node == null) {
            throw new IllegalArgumentException("no node " + id + " (nodes: " + specs.keySet() + ")");
        }
        return node;
    }

    public synchronized boolean isAlive(int id) {
        KafkaBroker node = nodes.get(id);
        return node != null && node.isAlive();
    }

    /** SIGKILL: the node crashes without a controlled shutdown. */
    public void kill(int id) {
        node(id).kill();
    }

    /** Starts a stopped or killed node again on its ports and data; returns once it is back in the metadata. */
    public void restart(int id) throws IOException {
        if (isAlive(id)) {
            throw new IllegalStateException("Kafka node " + id + " is still running");
        }
        ClusterNodeSpec spec = spec(id);
        Ports.requireFree(spec.port(), "Kafka node " + id);
        Ports.requireFree(spec.controllerPort(), "the controller of Kafka node " + id);
        KafkaBroker node = KafkaBroker.startNode(spec.dir(), spec.config(), spec.port(), clusterId);
        synchronized (this) {
            nodes.put(id, node);
        }
        awaitMembers(Set.of(id), READY_TIMEOUT);
    }

    /**
     * Waits until every partition of every topic (internal ones included) has all its replicas in sync: after a
     * restart, the node has caught up and losing another one loses no in-sync copy below min.insync.replicas.
     */
    public void awaitInSync(Duration timeout) {
        try (Admin admin = admin()) {
            Wait.until("every partition of every topic to have all its replicas in sync", timeout,
                    () -> underReplicated(admin).isEmpty());
        }
    }

    /** Partitions ("topic-partition") whose in-sync replicas are fewer than their replicas; empty when all are in sync. */
    public static List<String> underReplicated(Admin admin) {
        try {
            Set<String> names = admin.listTopics(new ListTopicsOptions().listInternal(true)).names()
                    .get(10, TimeUnit.SECONDS);
            Collection<TopicDescription> topics = admin.describeTopics(names).allTopicNames()
                    .get(10, TimeUnit.SECONDS).values();
            List<String> under = new ArrayList<>();
            for (TopicDescription topic : topics) {
                for (TopicPartitionInfo partition : topic.partitions()) {
                    if (partition.isr().size() < partition.replicas().size()) {
                        under.add(topic.name() + "-" + partition.partition());
                    }
                }
            }
            return under;
        } catch (Exception notNow) {
            return List.of("(metadata not available: " + notNow.getMessage() + ")");
        }
    }

    /** An admin client on the whole cluster, with short timeouts; the caller closes it. */
    public Admin admin() {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000));
    }

    /** Stops every node at once (a controlled shutdown, killed after 30 s): one by one, the last would lose its quorum. */
    @Override
    public void close() {
        List<KafkaBroker> running;
        synchronized (this) {
            running = List.copyOf(nodes.values());
        }
        ExecutorService stopper = Executors.newFixedThreadPool(Math.max(1, running.size()));
        try {
            List<Future<?>> stops = running.stream().map(node -> stopper.submit(node::close)).collect(Collectors.toList());
            for (Future<?> stop : stops) {
                try {
                    stop.get(60, TimeUnit.SECONDS);
                } catch (Exception e) {
                    // close() already escalates to a kill; a failure here leaves nothing to do but the next node
                }
            }
        } finally {
            stopper.shutdownNow();
            running.forEach(KafkaBroker::kill);
        }
    }

    private void startAll() throws IOException {
        // formatting is a JVM start per node: in parallel, as the nodes themselves start
        ExecutorService starter = Executors.newFixedThreadPool(specs.size());
        try {
            Map<Integer, Future<KafkaBroker>> started = new TreeMap<>();
            for (ClusterNodeSpec spec : specs.values()) {
                started.put(spec.id(), starter.submit(
                        () -> KafkaBroker.startNode(spec.dir(), spec.config(), spec.port(), clusterId)));
            }
            IOException failure = null;
            for (Map.Entry<Integer, Future<KafkaBroker>> entry : started.entrySet()) {
                try {
                    KafkaBroker node = entry.getValue().get(3, TimeUnit.MINUTES);
                    synchronized (this) {
                        nodes.put(entry.getKey(), node);
                    }
                } catch (Exception e) {
                    Throwable cause = e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
                    if (failure == null) {
                        failure = cause instanceof IOException io ? io
                                : new IOException("cannot start Kafka node " + entry.getKey() + ": " + cause.getMessage(), cause);
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
        } finally {
            starter.shutdownNow();
        }
    }

    private void awaitMembers(Set<Integer> ids, Duration timeout) {
        for (int id : ids) {
            ClusterNodeSpec spec = spec(id);
            Wait.until("Kafka node " + id + " to listen on " + Ports.LOOPBACK + ":" + spec.port(), timeout,
                    () -> exitedWithLog(id) || Ports.accepts(spec.port()));
        }
        try (Admin admin = admin()) {
            Wait.until("Kafka nodes " + ids + " in the cluster metadata", timeout,
                    () -> ids.stream().noneMatch(this::exitedWithLog) && members(admin).containsAll(ids));
        }
    }

    private static Set<Integer> members(Admin admin) {
        try {
            return admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).stream().map(Node::id)
                    .collect(Collectors.toSet());
        } catch (Exception notYet) {
            return Set.of();
        }
    }

    private boolean exitedWithLog(int id) {
        KafkaBroker node = node(id);
        if (!node.isAlive()) {
            throw new IllegalStateException("Kafka node " + id + " exited; the end of " + node.logFile() + ":\n"
                    + KafkaBroker.tail(node.logFile()));
        }
        return false;
    }

    private ClusterNodeSpec spec(int id) {
        ClusterNodeSpec spec = specs.get(id);
        if (spec == null) {
            throw new IllegalArgumentException("no node " + id + " (nodes: " + specs.keySet() + ")");
        }
        return spec;
    }
}
