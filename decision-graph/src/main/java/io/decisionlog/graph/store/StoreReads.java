package io.decisionlog.graph.store;

import io.decisionlog.events.errors.Busy;
import io.decisionlog.graph.config.StoreConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.QueryTimeoutException;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * How the API and the pages query the store: every statement bounded by {@code decisionlog.store.read-timeout},
 * waiting for a lock included (lookups by primary key, {@link ChainRow}, and the transparency log's reads by index,
 * {@link LogStore}, go their own way). A search over every chain, a coverage over a large repository, or a read queued behind
 * a rebuild's {@code TRUNCATE} would otherwise hold the request, a pool connection and a PostgreSQL backend for as
 * long as it runs, and a client that gives up first leaves it running. Past the limit the driver cancels the
 * statement and the request is answered 503 busy, with Retry-After.
 */
@ApplicationScoped
public class StoreReads {
    private static final Logger LOG = Logger.getLogger(StoreReads.class);
    /** PostgreSQL's SQLSTATE for a statement cancelled, here by the driver at the timeout. */
    private static final String QUERY_CANCELED = "57014";

    private final EntityManager entities;
    private final int timeoutSeconds;

    @Inject
    public StoreReads(EntityManager entities, StoreConfig config) {
        this.entities = entities;
        // JDBC counts whole seconds; a limit under one second would mean none
        this.timeoutSeconds = (int) Math.max(1, (config.readTimeout().toMillis() + 999) / 1000);
    }

    /** The rows of a native query, positional parameters ?1, ?2… in order; one Object[] per row of several columns. */
    public List<?> rows(String sql, Object... parameters) {
        try {
            return query(sql, parameters).getResultList();
        } catch (QueryTimeoutException e) {
            throw tooSlow(sql);
        }
    }

    /** The one row of a native query (an aggregate). */
    public Object single(String sql, Object... parameters) {
        try {
            return query(sql, parameters).getSingleResult();
        } catch (QueryTimeoutException e) {
            throw tooSlow(sql);
        }
    }

    /** A JDBC statement with the same bound, for the reads that skip the entity manager (the trace's). */
    public PreparedStatement prepare(Connection connection, String sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.setQueryTimeout(timeoutSeconds);
        return statement;
    }

    /** What a failed JDBC read answers: busy when it ran out of time, else a failure that says what was read. */
    public RuntimeException failure(SQLException e, String reading) {
        if (QUERY_CANCELED.equals(e.getSQLState())) {
            return tooSlow(reading);
        }
        return new IllegalStateException("cannot read " + reading + ": " + e.getMessage(), e);
    }

    private Query query(String sql, Object... parameters) {
        Query query = entities.createNativeQuery(sql).setHint("jakarta.persistence.query.timeout", timeoutSeconds * 1000);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        return query;
    }

    /** Logged with the statement's first line or what it read, never its parameters (a viewer's search text). */
    private Busy tooSlow(String what) {
        String firstLine = what.strip().lines().findFirst().orElse("");
        LOG.warnf("a read of the store ran past its %d s and was cancelled: %s", timeoutSeconds, firstLine);
        return new Busy("the store did not answer within " + timeoutSeconds + " s (decisionlog.store.read-timeout);"
                + " ask again shortly, or ask for less (a narrower path or date range, a longer search text)");
    }
}
