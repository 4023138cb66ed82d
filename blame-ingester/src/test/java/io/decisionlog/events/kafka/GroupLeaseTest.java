package io.decisionlog.events.kafka;

import io.decisionlog.deploy.local.RuntimeTest;
import io.decisionlog.deploy.local.SharedTestRuntime;
import io.decisionlog.deploy.local.Wait;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link GroupLease} against the test runtime's real broker. Here rather than in events: events' tests have no broker
 * (the local runtime depends on events), and the blame-ingester is the lease's first user.
 */
@RuntimeTest
class GroupLeaseTest {
    private final String bootstrap = SharedTestRuntime.bootstrapServers();
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String topic = "test.lease." + suffix;
    private final String group = "test-lease-" + suffix;
    /** How many members hold the lease right now, by their own account, and the most that ever did at once. */
    private final AtomicInteger holdingNow = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();

    @Test
    void shouldGiveTheLeaseToOneMemberAndHandItOverWithinAHeartbeatWhenTheHolderStops() throws Exception {
        LeaseGroup.createTopic(bootstrap, topic);
        // a long session: a handover within a heartbeat (a third of it) is the holder leaving, not its session ending
        Duration sessionTimeout = Duration.ofSeconds(30);
        Member first = new Member("first", sessionTimeout);
        Member second = new Member("second", sessionTimeout);
        try {
            first.lease.start();
            second.lease.start();
            Wait.until("both members in a stable group", Duration.ofSeconds(30),
                    () -> LeaseGroup.stableWith(bootstrap, group, 2) && (first.lease.held() || second.lease.held()));
            Member holder = first.lease.held() ? first : second;
            Member standby = holder == first ? second : first;
            assertThat(standby.lease.held()).isFalse();
            assertThat(holder.acquired).hasValue(1);
            assertThat(standby.acquired).hasValue(0);

            long stopped = System.nanoTime();
            holder.lease.stop();
            assertThat(holder.released).as("told before it left").hasValue(1);
            Wait.until("the standby to take the lease over", Duration.ofSeconds(20), standby.lease::held);

            // the standby hears of the rebalance at its next heartbeat
            assertThat(Duration.ofNanos(System.nanoTime() - stopped))
                    .isLessThan(sessionTimeout.dividedBy(3).plusSeconds(5));
            assertThat(standby.acquired).hasValue(1);
            assertThat(mostAtOnce).as("members holding the lease at once").hasValue(1);
        } finally {
            first.lease.stop();
            second.lease.stop();
        }
    }

    @Test
    void shouldHandTheLeaseOverWithinTheSessionTimeoutWhenTheHolderIsKilled() throws Exception {
        LeaseGroup.createTopic(bootstrap, topic);
        Duration sessionTimeout = Duration.ofSeconds(6);
        Path output = Files.createTempFile("lease-holder-", ".out");
        Process holder = holderProcess(sessionTimeout, output);
        Member standby = new Member("standby", sessionTimeout);
        try {
            Wait.until("the other JVM to hold the lease", Duration.ofSeconds(60),
                    () -> printed(output).contains("acquired"));
            standby.lease.start();
            Wait.until("the standby in the group", Duration.ofSeconds(30),
                    () -> LeaseGroup.stableWith(bootstrap, group, 2));
            assertThat(standby.lease.held()).as("a member that joins later takes no lease from a holder").isFalse();

            long killed = System.nanoTime();
            holder.destroyForcibly().waitFor();
            Wait.until("the standby to take over from the killed holder", Duration.ofSeconds(30), standby.lease::held);

            Duration takeover = Duration.ofNanos(System.nanoTime() - killed);
            // the session runs out, then the standby hears of the rebalance at its next heartbeat (a third of it)
            assertThat(takeover).isLessThan(sessionTimeout.plus(sessionTimeout.dividedBy(3)).plusSeconds(3));
            assertThat(printed(output)).doesNotContain("released");
        } finally {
            holder.destroyForcibly();
            standby.lease.stop();
            Files.deleteIfExists(output);
            Files.deleteIfExists(errors(output));
        }
    }

    private static String printed(Path output) {
        try {
            return Files.readString(output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path errors(Path output) {
        return Path.of(output + ".err");
    }

    private Process holderProcess(Duration sessionTimeout, Path output) throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classPath,
                LeaseHolderProcess.class.getName(), bootstrap, group, topic, String.valueOf(sessionTimeout.toMillis())));
        return new ProcessBuilder(command).redirectOutput(output.toFile())
                .redirectError(errors(output).toFile()).start();
    }

    /** One instance: its lease, and what its holder was told. */
    private final class Member implements GroupLease.Holder {
        final AtomicInteger acquired = new AtomicInteger();
        final AtomicInteger released = new AtomicInteger();
        final GroupLease lease;

        Member(String name, Duration sessionTimeout) {
            lease = new GroupLease("test-lease-" + name, group, topic, sessionTimeout,
                    LeaseGroup.members(bootstrap, "test-lease-" + name), this);
        }

        @Override
        public void acquired() {
            acquired.incrementAndGet();
            mostAtOnce.accumulateAndGet(holdingNow.incrementAndGet(), Math::max);
        }

        @Override
        public void released() {
            released.incrementAndGet();
            holdingNow.decrementAndGet();
        }
    }
}
