package io.decisionlog.graph.store;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.common.TopicPartition;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes decoded topic records into the store, each batch together with the offsets it reaches, in one database
 * transaction: a crash before the commit leaves both untouched, so the batch is simply read again. Every write is
 * an upsert or a delete of the key's rows, so a record applied twice leaves the same rows.
 * <p>
 * Plain JDBC batches rather than entity merges: a replay writes a million lines, and {@code INSERT … ON CONFLICT}
 * in batches needs no read-before-write.
 */
@ApplicationScoped
public class StoreWriter {
    private final AgroalDataSource dataSource;

    @Inject
    public StoreWriter(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Applies the changes and records {@code nextOffsets}, unless a rebuild has emptied the store since
     * {@code generation} was read; then nothing is written and the answer is false.
     */
    public boolean apply(List<StoreChange> changes, Map<TopicPartition, Long> nextOffsets, long generation)
            throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (currentGeneration(connection, true) != generation) {
                    connection.rollback();
                    return false;
                }
                Collection<StoreChange> last = lastPerIdentity(changes);
                new RowWriter(connection).write(last);
                TraceNotices.send(connection, last);
                saveOffsets(connection, nextOffsets);
                connection.commit();
                return true;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** Records offsets alone: for records that were skipped because they cannot be stored. */
    public boolean skip(Map<TopicPartition, Long> nextOffsets, long generation) throws SQLException {
        return apply(List.of(), nextOffsets, generation);
    }

    public long generation() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return currentGeneration(connection, false);
        }
    }

    /** Where the store stands on each partition: the next offset to apply; absent when nothing was applied yet. */
    public Map<TopicPartition, Long> offsets(Collection<TopicPartition> partitions) throws SQLException {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT topic, partition_no, next_offset FROM projection_offset")) {
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    TopicPartition partition = new TopicPartition(rows.getString(1), rows.getInt(2));
                    if (partitions.contains(partition)) {
                        offsets.put(partition, rows.getLong(3));
                    }
                }
            }
        }
        return offsets;
    }

    /** Empties every table and the offsets, and starts a new generation; returns it. */
    public long truncate() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (var statement = connection.createStatement()) {
                statement.execute("UPDATE projection_generation SET generation = generation + 1 WHERE id = 1");
                statement.execute("TRUNCATE blame_file, blame_range, chain, chain_decision, decision, log_entry, log_node, "
                        + "projection_offset");
                TraceNotices.sendEverything(connection);
                long generation = currentGeneration(connection, false);
                connection.commit();
                return generation;
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private static long currentGeneration(Connection connection, boolean lockShared) throws SQLException {
        // FOR SHARE: a rebuild's UPDATE waits for batches in flight, and batches after it see the new generation
        String sql = "SELECT generation FROM projection_generation WHERE id = 1" + (lockShared ? " FOR SHARE" : "");
        try (PreparedStatement select = connection.prepareStatement(sql); ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private static Collection<StoreChange> lastPerIdentity(List<StoreChange> changes) {
        Map<String, StoreChange> last = new LinkedHashMap<>();
        for (StoreChange change : changes) {
            last.remove(change.identity());
            last.put(change.identity(), change);
        }
        return last.values();
    }

    private static void saveOffsets(Connection connection, Map<TopicPartition, Long> nextOffsets) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("""
                INSERT INTO projection_offset (topic, partition_no, next_offset) VALUES (?, ?, ?)
                ON CONFLICT (topic, partition_no) DO UPDATE SET next_offset = excluded.next_offset""")) {
            for (Map.Entry<TopicPartition, Long> entry : nextOffsets.entrySet()) {
                upsert.setString(1, entry.getKey().topic());
                upsert.setInt(2, entry.getKey().partition());
                upsert.setLong(3, entry.getValue());
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }
}
