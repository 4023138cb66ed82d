package io.decisionlog.deploy.faults;

import java.time.Duration;

/** The run's own narration on stdout, each line stamped with the time since the run started. */
final class Console {
    private static final long STARTED = System.nanoTime();

    private Console() {
    }

    static synchronized void say(String format, Object... args) {
        long seconds = elapsed().toSeconds();
        System.out.printf("[%02d:%02d] %s%n", seconds / 60, seconds % 60, args.length == 0 ? format : format.formatted(args));
        System.out.flush();
    }

    static Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - STARTED);
    }

    static String seconds(Duration duration) {
        return String.format("%.1f s", duration.toMillis() / 1000.0);
    }

    static String since(long startNanos) {
        return seconds(Duration.ofNanos(System.nanoTime() - startNanos));
    }
}
