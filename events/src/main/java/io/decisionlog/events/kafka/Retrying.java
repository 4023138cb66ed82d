package io.decisionlog.events.kafka;

import java.time.Duration;

/**
 * Runs a task on a daemon thread until it completes, pausing after each failure and trying again: the one way a
 * service does what needs Kafka at start-up (create its topics, read its state), so that a broker that is not up yet
 * leaves the service running and unready, never dead. A task that runs forever (following a topic) is restarted the
 * same way after a failure, until {@link #stop()}.
 */
public final class Retrying implements Runnable {
    private static final System.Logger LOG = System.getLogger(Retrying.class.getName());

    /** A step that may fail; it is run again from the start after a failure. */
    @FunctionalInterface
    public interface Task {
        void run() throws Exception;
    }

    private final String name;
    private final Duration pause;
    private final Task task;
    private volatile boolean done;
    private volatile boolean stopping;
    private volatile String lastFailure;
    private volatile Thread thread;

    private Retrying(String name, Duration pause, Task task) {
        this.name = name;
        this.pause = pause;
        this.task = task;
    }

    /** Starts the task on a daemon thread named {@code name}. */
    public static Retrying start(String name, Duration pause, Task task) {
        Retrying retrying = new Retrying(name, pause, task);
        Thread thread = new Thread(retrying, name);
        thread.setDaemon(true);
        retrying.thread = thread;
        thread.start();
        return retrying;
    }

    @Override
    public void run() {
        while (!stopping) {
            try {
                task.run();
                done = true;
                lastFailure = null;
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (stopping) {
                    return;
                }
                lastFailure = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
                LOG.log(System.Logger.Level.WARNING, "{0}: {1}; trying again in {2} ms", name, lastFailure,
                        pause.toMillis());
                if (!pause()) {
                    return;
                }
            }
        }
    }

    /** True once the task completed. */
    public boolean done() {
        return done;
    }

    /** Why the last attempt failed, or null. */
    public String lastFailure() {
        return lastFailure;
    }

    /** No further attempt starts; an attempt under way is interrupted. */
    public void stop() {
        stopping = true;
        Thread running = thread;
        if (running != null) {
            running.interrupt();
        }
    }

    /** Waits up to {@code limit} for the thread to end after {@link #stop()}; true when it has. */
    public boolean awaitStopped(Duration limit) throws InterruptedException {
        Thread running = thread;
        if (running != null) {
            running.join(limit.toMillis());
            return !running.isAlive();
        }
        return true;
    }

    private boolean pause() {
        try {
            Thread.sleep(pause.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
