package io.decisionlog.events.kafka;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waits until this service's own follower has read what it just published, so an answer given after a write shows
 * it. A follower reads a record within a poll (half a second at most when idle); checked every 20 ms.
 */
public final class ReadYourWrite {
    private ReadYourWrite() {
    }

    /** @return whether the condition held before the time was up */
    public static boolean await(Duration within, BooleanSupplier condition) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
        return true;
    }
}
