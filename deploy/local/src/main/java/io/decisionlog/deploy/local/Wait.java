package io.decisionlog.deploy.local;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits on a condition with a deadline, polling quickly at first and more slowly later: never a fixed sleep. */
public final class Wait {
    private Wait() {
    }

    /** @throws IllegalStateException naming {@code what} when the deadline passes first */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pauseMillis = 10;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
            pauseMillis = Math.min(pauseMillis * 2, 250);
        }
    }
}
