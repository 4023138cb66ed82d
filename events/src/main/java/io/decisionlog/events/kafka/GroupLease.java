package io.decisionlog.events.kafka;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * At most one instance of a service doing something at a time, with Kafka's consumer-group protocol as the lease: every
 * instance joins one group on a topic of ONE partition, and the member the coordinator assigns that partition to holds
 * the lease. A holder that dies stops heartbeating and loses the partition after the session timeout; one that stops
 * cleanly leaves the group, and another member takes over at once. Records on the topic are read and thrown away: the
 * assignment is all that counts, and no offset is ever committed.
 * <p>
 * The holder is told on this lease's own thread: {@link Holder#acquired()} when the partition is assigned,
 * {@link Holder#released()} when it is revoked or lost, when this instance loses touch with the coordinator for longer
 * than the session timeout (the group has given the lease to another member by then), and when the lease stops. A
 * member that joins later never takes the lease from a working holder (sticky assignment).
 */
public final class GroupLease {
    private static final System.Logger LOG = System.getLogger(GroupLease.class.getName());
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);
    private static final Duration CLOSE_LIMIT = Duration.ofSeconds(5);
    /** Time for the holder to stop its work ({@link Holder#released()}), then to leave the group. */
    private static final Duration STOP_LIMIT = Duration.ofSeconds(30);
    /** The classic protocol's own gauge; its seconds are since the last heartbeat this member sent. */
    private static final String HEARTBEAT_AGE = "last-heartbeat-seconds-ago";

    /** What the lease guards: started on {@link #acquired()}, stopped on {@link #released()}. */
    public interface Holder {
        /** This instance holds the lease now; should return quickly (start work on threads of its own). */
        void acquired();

        /**
         * This instance no longer holds the lease: stop the guarded work before returning. The group hands the lease
         * to another member only after this returns (or after {@code max.poll.interval.ms}), except when it was lost.
         */
        void released();
    }

    private final String name;
    private final String groupId;
    private final String topic;
    private final Duration sessionTimeout;
    private final Function<Map<String, Object>, Consumer<String, byte[]>> consumers;
    private final Holder holder;
    private volatile boolean held;
    private volatile Retrying running;
    private volatile Consumer<String, byte[]> current;

    /**
     * @param name           the lease's thread, and the name in its log lines
     * @param groupId        the consumer group every instance joins
     * @param topic          a topic with exactly one partition (it must exist: the lease waits until it does)
     * @param sessionTimeout how long a member that stopped heartbeating (a kill -9) keeps the lease
     * @param consumers      makes a consumer with the given group settings on top of the service's connection settings
     *                       (servers, TLS, SASL): the service's one way of making its Kafka clients
     */
    public GroupLease(String name, String groupId, String topic, Duration sessionTimeout,
                      Function<Map<String, Object>, Consumer<String, byte[]>> consumers, Holder holder) {
        this.name = name;
        this.groupId = groupId;
        this.topic = topic;
        this.sessionTimeout = sessionTimeout;
        this.consumers = consumers;
        this.holder = holder;
    }

    /**
     * The group settings of a lease's member: the classic protocol (the consumer protocol takes the session timeout
     * from the broker, not the member), heartbeats three times a session, sticky assignment, no offsets committed.
     */
    static Map<String, Object> memberSettings(String groupId, Duration sessionTimeout) {
        return Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, groupId,
                ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic",
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) sessionTimeout.toMillis(),
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) sessionTimeout.toMillis() / 3,
                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, List.of(CooperativeStickyAssignor.class.getName()),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10);
    }

    /** Joins the group on a thread of its own, retried until {@link #stop()} when the broker does not answer. */
    public synchronized void start() {
        if (running == null) {
            running = Retrying.start(name, RETRY_PAUSE, this::holdWhileMember);
        }
    }

    /**
     * Releases the lease if held (the holder is told first) and leaves the group, so another member takes over at
     * once; returns when the member has left, or after a few seconds.
     */
    public synchronized void stop() throws InterruptedException {
        Retrying stopping = running;
        if (stopping == null) {
            return;
        }
        running = null;
        stopping.stop();
        Consumer<String, byte[]> member = current;
        if (member != null) {
            member.wakeup();
        }
        if (!stopping.awaitStopped(STOP_LIMIT)) {
            LOG.log(System.Logger.Level.WARNING, "{0}: did not leave the group in time", name);
        }
    }

    /** True while this instance holds the lease. */
    public boolean held() {
        return held;
    }

    /** The consumer group the instances share. */
    public String group() {
        return groupId;
    }

    private void holdWhileMember() {
        Consumer<String, byte[]> member = consumers.apply(memberSettings(groupId, sessionTimeout));
        current = member;
        try {
            requireOnePartition(member);
            member.subscribe(List.of(topic), new Revocations());
            while (!Thread.currentThread().isInterrupted()) {
                member.poll(POLL);
                followAssignment(member);
            }
        } catch (WakeupException | InterruptException e) {
            // stop() woke the poll up or interrupted it: leave the group below
        } finally {
            current = null;
            leave(member);
        }
    }

    private void requireOnePartition(Consumer<String, byte[]> member) {
        List<PartitionInfo> partitions = member.partitionsFor(topic, Duration.ofSeconds(10));
        if (partitions == null || partitions.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " does not exist yet");
        }
        if (partitions.size() != 1) {
            throw new IllegalStateException("topic " + topic + " has " + partitions.size()
                    + " partitions; a lease needs exactly one, or two members could hold it at once");
        }
    }

    /**
     * Acquires once the partition is assigned and the coordinator answers; releases when heartbeats went unanswered
     * for a whole session: the coordinator has expired this member by then, though it may not have said so yet.
     */
    private void followAssignment(Consumer<String, byte[]> member) {
        boolean assigned = !member.assignment().isEmpty();
        boolean inTouch = heartbeatAgeSeconds(member) <= sessionTimeout.toSeconds();
        if (!held && assigned && inTouch) {
            acquire();
        } else if (held && !inTouch) {
            LOG.log(System.Logger.Level.WARNING, "{0}: no heartbeat for longer than the session ({1} s): "
                    + "the group has given the lease to another member", name, sessionTimeout.toSeconds());
            release();
        }
    }

    /** Seconds since the last heartbeat; 0 before the first (the join itself was an answer). */
    private static double heartbeatAgeSeconds(Consumer<String, byte[]> member) {
        for (Map.Entry<MetricName, ? extends Metric> metric : member.metrics().entrySet()) {
            if (HEARTBEAT_AGE.equals(metric.getKey().name()) && metric.getValue().metricValue() instanceof Double age
                    && !age.isNaN()) {
                return age;
            }
        }
        return 0;
    }

    private void acquire() {
        held = true;
        LOG.log(System.Logger.Level.INFO, "{0}: this instance holds the lease", name);
        holder.acquired();
    }

    private void release() {
        if (held) {
            held = false;
            LOG.log(System.Logger.Level.INFO, "{0}: this instance released the lease", name);
            holder.released();
        }
    }

    /** Releases before closing, so the holder has stopped before the group hands the lease on. */
    private void leave(Consumer<String, byte[]> member) {
        // Kafka's close complains of a pending interrupt: close first, keep the interrupt after
        boolean interrupted = Thread.interrupted();
        try {
            release();
            member.close(CLOSE_LIMIT);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The coordinator takes the partition away: the holder stops before this member rejoins. */
    private final class Revocations implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (!partitions.isEmpty()) {
                release();
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            // acquired after the poll, once the coordinator is known to answer (followAssignment)
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            release();
        }
    }
}
