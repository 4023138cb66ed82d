package io.decisionlog.graph.store;

import io.agroal.api.AgroalDataSource;
import io.decisionlog.events.kafka.Retrying;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Keeps {@link TraceMemory} current: one connection of the pool listens on {@link TraceNotices#CHANNEL} from startup
 * to shutdown, on a {@link Retrying} thread that listens again after a failure. While it is not listening (PostgreSQL
 * away, a connection lost) traces read the store; when it listens again, memory starts empty, since notices sent
 * meanwhile were missed.
 */
@ApplicationScoped
public class TraceMemoryListener {
    private static final Logger LOG = Logger.getLogger(TraceMemoryListener.class);
    private static final int POLL_MILLIS = 500;
    private static final Duration RETRY = Duration.ofSeconds(2);
    // a connection that died without a word (a half-open socket) brings no notices and no error: ask it now and then
    private static final Duration PROBE = Duration.ofSeconds(10);

    private final AgroalDataSource dataSource;
    private final TraceMemory memory;
    private volatile Retrying listening;

    @Inject
    public TraceMemoryListener(AgroalDataSource dataSource, TraceMemory memory) {
        this.dataSource = dataSource;
        this.memory = memory;
    }

    void start(@Observes StartupEvent event) {
        if (!memory.enabled()) {
            LOG.info("trace memory off (decisionlog.store.trace-memory=0): every trace reads the store");
            return;
        }
        listening = Retrying.start("trace-memory-listener", RETRY, this::listen);
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        Retrying running = listening;
        if (running != null) {
            running.stop();
            running.awaitStopped(Duration.ofSeconds(5));
        }
    }

    private void listen() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            try {
                follow(connection);
            } catch (SQLException e) {
                throw new SQLException("trace memory stopped listening for the store's changes, traces read the store "
                        + "until it listens again (" + e.getMessage() + ")", e);
            } finally {
                memory.listening(false);
                unlisten(connection);
            }
        }
    }

    private void follow(Connection connection) throws SQLException {
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
            statement.execute("LISTEN " + TraceNotices.CHANNEL);
        }
        memory.listening(true);
        LOG.debug("trace memory listening for the store's changes");
        PGConnection notices = connection.unwrap(PGConnection.class);
        long probed = System.nanoTime();
        while (!Thread.currentThread().isInterrupted()) {
            PGNotification[] received = notices.getNotifications(POLL_MILLIS);
            for (PGNotification notice : received == null ? new PGNotification[0] : received) {
                memory.forget(TraceNotices.read(notice.getParameter()));
            }
            if (System.nanoTime() - probed > PROBE.toNanos()) {
                probe(connection);
                probed = System.nanoTime();
            }
        }
    }

    private static void probe(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.setQueryTimeout((int) PROBE.toSeconds());
            statement.execute("SELECT 1");
        }
    }

    // the connection goes back to the pool: none of its next users should collect notices
    private static void unlisten(Connection connection) {
        try (Statement statement = connection.createStatement()) {
            statement.execute("UNLISTEN *");
        } catch (SQLException e) {
            LOG.debugf("UNLISTEN failed (%s): the connection is most likely gone", e.getMessage());
        }
    }
}
