package io.decisionlog.graph.streams;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Replaces a stream thread that died, instead of leaving the instance up but idle: a broker failover can fence a
 * transaction ({@code InvalidTxnStateException}, KAFKA-19690), and a fresh thread simply resumes from the last
 * committed transaction. A failure that keeps coming back (more than {@link #MAX_REPLACEMENTS} in
 * {@link #WINDOW}) is a bug, not a fault: then the client shuts down, liveness fails, and the orchestrator restarts it.
 * Quarkus hands this bean to Kafka Streams before starting it.
 */
@ApplicationScoped
public class ReplaceFailedThread implements StreamsUncaughtExceptionHandler {
    static final int MAX_REPLACEMENTS = 5;
    static final Duration WINDOW = Duration.ofMinutes(10);
    private static final Logger LOG = Logger.getLogger(ReplaceFailedThread.class);

    private final Clock clock;
    private final Deque<Instant> recent = new ArrayDeque<>();

    public ReplaceFailedThread() {
        this(Clock.systemUTC());
    }

    ReplaceFailedThread(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized StreamThreadExceptionResponse handle(Throwable exception) {
        Instant now = clock.instant();
        while (!recent.isEmpty() && recent.peekFirst().isBefore(now.minus(WINDOW))) {
            recent.removeFirst();
        }
        if (recent.size() >= MAX_REPLACEMENTS) {
            LOG.errorf(exception, "stream thread failed for the %d. time in %s; shutting this instance's Streams down "
                    + "(liveness turns DOWN)", recent.size() + 1, WINDOW);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        recent.addLast(now);
        LOG.warnf(exception, "stream thread failed (%s); replacing it, it resumes from the last committed transaction",
                exception.getMessage());
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }
}
