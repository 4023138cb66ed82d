package io.decisionlog.events.kafka;

import io.decisionlog.events.Topics;
import io.decisionlog.events.TrackedRepo;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.decisionlog.events.kafka.Mocks.record;
import static org.assertj.core.api.Assertions.assertThat;

class StateFollowerTest {
    private static final String TOPIC = Topics.REPOS.name();

    @Test
    void shouldBeCaughtUpOnceTheFirstReadReachedTheEndAndRunTheHousekeepingAfterPolls() {
        var consumer = Mocks.topic(TOPIC, 1, List.of(
                record(TOPIC, 0, 0, "acme/a", "{\"repo\":\"acme/a\",\"url\":\"u\",\"branch\":\"main\"}")));
        LatestByKey<TrackedRepo> table = new LatestByKey<>(Topics.REPOS);
        AtomicInteger housekeeping = new AtomicInteger();
        StateFollower follower = new StateFollower("test-follower", () -> consumer, List.of(TOPIC), table,
                housekeeping::incrementAndGet);

        follower.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            // caught up first, then the housekeeping after that poll
            while ((!follower.caughtUp() || housekeeping.get() == 0) && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(follower.caughtUp()).isTrue();
            assertThat(table.values()).containsOnlyKeys("acme/a");
            assertThat(housekeeping.get()).isPositive();
            assertThat(follower.lastFailure()).isNull();
        } finally {
            follower.stop();
        }
    }
}
