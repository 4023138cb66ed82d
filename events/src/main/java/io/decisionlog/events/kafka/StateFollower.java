package io.decisionlog.events.kafka;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Keeps a service's in-memory state current from topics: reads them from the beginning, then follows them for as long
 * as the service runs (so records published by other instances count too), reconnecting from the beginning after a
 * failure. Ready once the first read reached the ends the topics had when it began.
 */
public final class StateFollower {
    private static final System.Logger LOG = System.getLogger(StateFollower.class.getName());
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration RETRY_PAUSE = Duration.ofMillis(500);

    private final String name;
    private final Supplier<Consumer<String, byte[]>> consumers;
    private final List<String> topics;
    private final RecordHandler handler;
    private final Runnable afterPoll;
    private volatile boolean caughtUp;
    private volatile TopicFollower current;
    private volatile Retrying retrying;

    /**
     * @param afterPoll run after every poll, on the follower's thread (housekeeping such as evicting old entries)
     */
    public StateFollower(String name, Supplier<Consumer<String, byte[]>> consumers, List<String> topics,
                         RecordHandler handler, Runnable afterPoll) {
        this.name = name;
        this.consumers = consumers;
        this.topics = List.copyOf(topics);
        this.handler = handler;
        this.afterPoll = afterPoll;
    }

    public void start() {
        retrying = Retrying.start(name, RETRY_PAUSE, this::follow);
    }

    public void stop() {
        Retrying running = retrying;
        if (running != null) {
            running.stop();
        }
        TopicFollower follower = current;
        if (follower != null) {
            follower.wakeup();
        }
    }

    /** True once the first read of the topics caught up with their ends; stays true across reconnections. */
    public boolean caughtUp() {
        return caughtUp;
    }

    /** Why following last failed, or null. */
    public String lastFailure() {
        Retrying running = retrying;
        return running == null ? null : running.lastFailure();
    }

    private void follow() {
        long started = System.nanoTime();
        long read = 0;
        TopicFollower follower = TopicFollower.fromBeginning(consumers.get(), topics);
        current = follower;
        try {
            while (!Thread.currentThread().isInterrupted()) {
                read += follower.poll(POLL, handler);
                if (!caughtUp && follower.caughtUp()) {
                    caughtUp = true;
                    LOG.log(System.Logger.Level.INFO, "{0}: caught up with {1}, {2} records read in {3} ms", name, topics,
                            read, (System.nanoTime() - started) / 1_000_000);
                }
                afterPoll.run();
            }
        } catch (WakeupException | InterruptException e) {
            // stop() woke the poll up or interrupted it: done
        } finally {
            current = null;
            // Kafka's close complains of a pending interrupt: close first, keep the interrupt after
            boolean interrupted = Thread.interrupted();
            follower.close();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
