package io.decisionlog.deploy.faults;

import io.decisionlog.deploy.local.Wait;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** How long after a moment something came true: a measured takeover, or nothing when it did not come in time. */
final class Timed {
    private Timed() {
    }

    /**
     * The time from {@code since} (System.nanoTime) until {@code condition} held, polled with {@link Wait}; a
     * condition that throws counts as not yet; empty when {@code timeout} passed first.
     */
    static Optional<Duration> within(long since, Duration timeout, BooleanSupplier condition) {
        try {
            Wait.until("a takeover", timeout, () -> {
                try {
                    return condition.getAsBoolean();
                } catch (RuntimeException notYet) {
                    return false;
                }
            });
            return Optional.of(Duration.ofNanos(System.nanoTime() - since));
        } catch (IllegalStateException timedOut) {
            return Optional.empty();
        }
    }

    static String show(Optional<Duration> measured) {
        return measured.map(Console::seconds).orElse("(not in the time allowed)");
    }
}
