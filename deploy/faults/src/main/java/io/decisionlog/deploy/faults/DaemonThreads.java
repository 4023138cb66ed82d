package io.decisionlog.deploy.faults;

import java.util.concurrent.ThreadFactory;

/** Threads that never keep the run's JVM alive: its end is {@code System.exit}, whatever still runs. */
final class DaemonThreads {
    private DaemonThreads() {
    }

    /** Every thread of the factory gets this name. */
    static ThreadFactory named(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
