package io.decisionlog.deploy.faults;

import io.decisionlog.deploy.local.KafkaCluster;
import io.decisionlog.deploy.local.Wait;
import org.apache.kafka.clients.admin.Admin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The scale-out run's fault: with decision-graph's Streams tasks spread over both instances (each task with a standby
 * copy on the other), {@code kill -9} of one; then how long until the other holds every task, until each task the
 * killed instance held produces chains again, and until the survivor's store follows every partition.
 */
final class Takeover {
    private static final Duration SPREAD_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration TAKEOVER_TIMEOUT = Duration.ofSeconds(150);

    /**
     * What the kill showed; a duration is empty when it did not happen within 150 s of the kill.
     *
     * @param moved the commits partitions (tasks) the killed instance held
     */
    record Measured(TaskSpread before, TaskSpread after, List<Integer> moved, Optional<Duration> reassigned,
                    Optional<Duration> producing, Optional<Duration> storeFollowing) {
    }

    private final KafkaCluster cluster;
    private volatile Measured measured;

    Takeover(KafkaCluster cluster) {
        this.cluster = cluster;
    }

    void run(ServiceProcess victim, GraphApi survivor, int projectedPartitions) {
        try (Admin admin = cluster.admin(); ChainArrivals arrivals = new ChainArrivals(cluster.bootstrapServers())) {
            Wait.until("decision-graph's tasks on both instances", SPREAD_TIMEOUT, () -> {
                TaskSpread spread = TaskSpread.of(admin);
                return spread.membersWithWork() == 2 && spread.complete();
            });
            TaskSpread before = TaskSpread.of(admin);
            Console.say("tasks (partitions of %s) by Streams member: %s", TaskSpread.TOPIC, before);

            long killed = System.nanoTime();
            victim.kill();
            Console.say("kill -9 %s (pid %d): the other instance must take over its tasks, from its standby copies",
                    victim.name(), victim.pid());
            Optional<Duration> reassigned = Timed.within(killed, TAKEOVER_TIMEOUT, () -> {
                TaskSpread spread = TaskSpread.of(admin);
                return spread.partitionsByMember().size() == 1 && spread.complete();
            });
            TaskSpread after = TaskSpread.of(admin);
            List<Integer> moved = moved(before, after);
            Console.say("  every task on one member after %s: %s; moved %s", Timed.show(reassigned), after, moved);
            // from here on a chain of a moved partition is the survivor's: the killed instance's last commits, still
            // on their way to this reader at the kill, are behind us
            arrivals.restart();
            Optional<Duration> producing = Timed.within(killed, TAKEOVER_TIMEOUT, () -> moved.stream()
                    .allMatch(partition -> arrivals.firstArrival(partition).isPresent()))
                    .filter(ignored -> reassigned.isPresent())
                    .map(ignored -> latestArrival(arrivals, moved, killed));
            Console.say("  each moved task produced chains again after %s", Timed.show(producing));
            Optional<Duration> storeFollowing = Timed.within(killed, TAKEOVER_TIMEOUT,
                    () -> survivor.projection().path("partitions").asInt() >= projectedPartitions);
            Console.say("  the survivor's store follows all %d partitions after %s", projectedPartitions,
                    Timed.show(storeFollowing));
            measured = new Measured(before, after, moved, reassigned, producing, storeFollowing);
        }
    }

    /** The partitions the survivor did not hold before: the killed instance's. */
    private static List<Integer> moved(TaskSpread before, TaskSpread after) {
        List<Integer> moved = new ArrayList<>();
        for (Map.Entry<String, Set<Integer>> member : after.partitionsByMember().entrySet()) {
            Set<Integer> held = before.partitionsByMember().getOrDefault(member.getKey(), Set.of());
            member.getValue().stream().filter(partition -> !held.contains(partition)).forEach(moved::add);
        }
        return moved;
    }

    private static Duration latestArrival(ChainArrivals arrivals, List<Integer> partitions, long since) {
        long latest = partitions.stream().map(arrivals::firstArrival).mapToLong(OptionalLong::getAsLong).max()
                .orElse(since);
        return Duration.ofNanos(latest - since);
    }

    /** Null until {@link #run} is over. */
    Measured measured() {
        return measured;
    }
}
