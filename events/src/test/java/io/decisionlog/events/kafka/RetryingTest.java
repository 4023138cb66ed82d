package io.decisionlog.events.kafka;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class RetryingTest {

    @Test
    void shouldRunTheTaskAgainAfterEachFailureUntilItCompletes() throws InterruptedException {
        AtomicInteger attempts = new AtomicInteger();
        CountDownLatch completed = new CountDownLatch(1);

        Retrying retrying = Retrying.start("test", Duration.ofMillis(1), () -> {
            if (attempts.incrementAndGet() < 3) {
                throw new IllegalStateException("broker not up yet");
            }
            completed.countDown();
        });

        assertThat(completed.await(20, TimeUnit.SECONDS)).isTrue();
        awaitDone(retrying);
        assertThat(attempts).hasValue(3);
        assertThat(retrying.lastFailure()).isNull();
    }

    @Test
    void shouldTellWhyTheLastAttemptFailedAndStopWhenAsked() throws InterruptedException {
        CountDownLatch failedTwice = new CountDownLatch(2);
        Retrying retrying = Retrying.start("test", Duration.ofMillis(1), () -> {
            failedTwice.countDown();
            throw new IllegalStateException("topic x does not exist yet");
        });
        assertThat(failedTwice.await(20, TimeUnit.SECONDS)).isTrue();

        retrying.stop();

        assertThat(retrying.done()).isFalse();
        assertThat(retrying.lastFailure()).isEqualTo("topic x does not exist yet");
    }

    private static void awaitDone(Retrying retrying) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!retrying.done() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(retrying.done()).isTrue();
    }
}
