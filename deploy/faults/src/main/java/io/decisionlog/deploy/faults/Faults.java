package io.decisionlog.deploy.faults;

import io.decisionlog.deploy.local.KafkaCluster;
import io.decisionlog.deploy.local.Wait;
import io.decisionlog.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartitionInfo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The faults: {@code kill -9} of the broker that leads the most partitions of decisionlog.ci.runs.v1, restarted
 * once its partitions have failed over, and the next kill only once it is back in every ISR; and, once, a
 * {@code kill -9} of one decision-graph instance that is never restarted (the other takes over its partitions).
 */
final class Faults {
    private static final Duration FAILOVER_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration IN_SYNC_TIMEOUT = Duration.ofSeconds(180);

    /** What one leader kill did and how long the cluster took to heal. */
    record LeaderKill(int number, int node, List<Integer> ledPartitions, String killedAt, Duration failover,
                      Duration restart, Duration inSync) {
    }

    /** The decision-graph kill, and when the survivor's store projection held every partition again. */
    record GraphKill(String name, long pid, String killedAt, Duration survivorHadAllPartitionsAfter) {
    }

    private final KafkaCluster cluster;
    private final PidFile pids;
    private final Settings settings;
    private final List<LeaderKill> leaderKills = new ArrayList<>();
    private volatile GraphKill graphKill;

    Faults(KafkaCluster cluster, PidFile pids, Settings settings) {
        this.cluster = cluster;
        this.pids = pids;
        this.settings = settings;
    }

    /**
     * @param victim    the decision-graph instance to kill after {@code settings.graphKillAfter()} leader kills
     * @param survivor  its peer, whose store projection must end up with every partition
     */
    void run(ServiceProcess victim, GraphApi survivor, int projectedPartitions) throws Exception {
        try (Admin admin = cluster.admin()) {
            for (int k = 1; k <= settings.leaderKills(); k++) {
                if (k > 1) {
                    sleep(settings.pause());
                }
                leaderKills.add(killLeader(admin, k));
                if (k == settings.graphKillAfter()) {
                    killGraph(victim, survivor, projectedPartitions);
                }
            }
            if (graphKill == null) {
                killGraph(victim, survivor, projectedPartitions);
            }
        }
    }

    private LeaderKill killLeader(Admin admin, int number) throws Exception {
        Map<Integer, List<Integer>> led = leadersOfRuns(admin);
        int node = led.entrySet().stream()
                .max(Comparator.<Map.Entry<Integer, List<Integer>>>comparingInt(e -> e.getValue().size())
                        .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                .map(Map.Entry::getKey)
                .orElseThrow(() -> new IllegalStateException(Topics.CI_RUNS.name() + " has no leader"));
        List<Integer> partitions = led.get(node);
        List<String> coordinated = coordinatedBy(admin, node);
        long pid = cluster.node(node).pid();
        String at = stamp();
        long killed = System.nanoTime();
        cluster.kill(node);
        Console.say("leader kill %d/%d: kill -9 Kafka node %d (pid %d), leader of %s partitions %s%s",
                number, settings.leaderKills(), node, pid, Topics.CI_RUNS.name(), partitions,
                coordinated.isEmpty() ? "" : "; coordinator of groups " + coordinated);
        Duration failover;
        Duration restart;
        try {
            Wait.until("the partitions of node " + node + " to fail over", FAILOVER_TIMEOUT,
                    () -> ledBy(admin, node) == 0);
            failover = Duration.ofNanos(System.nanoTime() - killed);
            Console.say("  its %s partitions have new leaders after %s; node %d stays down %s more",
                    Topics.CI_RUNS.name(), Console.seconds(failover), node, Console.seconds(settings.downtime()));
            sleep(settings.downtime());
        } finally {
            // even when the failover did not come: the run goes on with three nodes, and the report says why
            long restarting = System.nanoTime();
            cluster.restart(node);
            pids.add(cluster.node(node).pid(), "kafka-node-" + node);
            restart = Duration.ofNanos(System.nanoTime() - restarting);
        }
        long syncing = System.nanoTime();
        cluster.awaitInSync(IN_SYNC_TIMEOUT);
        Duration inSync = Duration.ofNanos(System.nanoTime() - syncing);
        Console.say("  node %d restarted (pid %d) in %s, back in every ISR %s later",
                node, cluster.node(node).pid(), Console.seconds(restart), Console.seconds(inSync));
        return new LeaderKill(number, node, partitions, at, failover, restart, inSync);
    }

    private void killGraph(ServiceProcess victim, GraphApi survivor, int projectedPartitions) {
        String at = stamp();
        long killed = System.nanoTime();
        victim.kill();
        Console.say("kill -9 %s (pid %d); not restarted: the other instance must take over its partitions (after"
                + " its session of 45 s expires, which starts over whenever a group's coordinator moves)",
                victim.name(), victim.pid());
        graphKill = new GraphKill(victim.name(), victim.pid(), at, null);
        Thread watcher = new Thread(() -> {
            long deadline = killed + TimeUnit.MINUTES.toNanos(5);
            while (System.nanoTime() < deadline) {
                try {
                    if (survivor.projection().path("partitions").asInt() >= projectedPartitions) {
                        Duration after = Duration.ofNanos(System.nanoTime() - killed);
                        graphKill = new GraphKill(victim.name(), victim.pid(), at, after);
                        Console.say("  the surviving decision-graph follows all %d store partitions, %s after the kill",
                                projectedPartitions, Console.seconds(after));
                        return;
                    }
                } catch (RuntimeException notNow) {
                    // the survivor is busy or rebalancing: ask again
                }
                sleep(Duration.ofSeconds(1));
            }
        }, "graph-takeover-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** The consumer groups (Streams, store, ingester ledger) whose coordinator is this node. */
    private static List<String> coordinatedBy(Admin admin, int node) {
        try {
            List<String> groups = admin.listConsumerGroups().all().get(10, TimeUnit.SECONDS).stream()
                    .map(listing -> listing.groupId()).sorted().toList();
            return admin.describeConsumerGroups(groups).all().get(10, TimeUnit.SECONDS).values().stream()
                    .filter(group -> group.coordinator() != null && group.coordinator().id() == node)
                    .map(group -> group.groupId()).sorted().toList();
        } catch (Exception notNow) {
            return List.of();
        }
    }

    /** Partitions of decisionlog.ci.runs.v1 by the node that leads them. */
    static Map<Integer, List<Integer>> leadersOfRuns(Admin admin) throws Exception {
        Map<Integer, List<Integer>> led = new TreeMap<>();
        for (TopicPartitionInfo partition : admin.describeTopics(List.of(Topics.CI_RUNS.name())).allTopicNames()
                .get(10, TimeUnit.SECONDS).get(Topics.CI_RUNS.name()).partitions()) {
            if (partition.leader() != null && !partition.leader().isEmpty()) {
                led.computeIfAbsent(partition.leader().id(), id -> new ArrayList<>()).add(partition.partition());
            }
        }
        return led;
    }

    private static int ledBy(Admin admin, int node) {
        try {
            return leadersOfRuns(admin).getOrDefault(node, List.of()).size();
        } catch (Exception notNow) {
            return -1;
        }
    }

    List<LeaderKill> leaderKills() {
        return leaderKills;
    }

    GraphKill graphKill() {
        return graphKill;
    }

    private static String stamp() {
        long seconds = Console.elapsed().toSeconds();
        return String.format("%02d:%02d", seconds / 60, seconds % 60);
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
