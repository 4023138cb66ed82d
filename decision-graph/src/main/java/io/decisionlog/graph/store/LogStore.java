package io.decisionlog.graph.store;

import io.agroal.api.AgroalDataSource;
import io.decisionlog.events.tlog.MerkleTree;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the transparency log the projection keeps: its size, its entries, its tree's nodes. */
@ApplicationScoped
public class LogStore {
    private final AgroalDataSource dataSource;

    @Inject
    public LogStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** An entry as the log topic holds it, and the leaf hash the tree holds for it (null when that row is gone). */
    public record Entry(long index, String body, byte[] leafHash) {
    }

    /** What a question of the tree needs: its size, and its nodes on one connection. */
    public interface TreeQuestion<T> {
        T ask(long size, MerkleTree.Nodes nodes);
    }

    /** Asks a question of the tree as one snapshot: the size and the nodes read in one read-only transaction. */
    public <T> T withTree(TreeQuestion<T> question) {
        try (Connection connection = dataSource.getConnection()) {
            return withTree(connection, question);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the transparency log: " + e.getMessage(), e);
        }
    }

    /** The same on a connection of the caller's (which it leaves with auto-commit off). */
    static <T> T withTree(Connection connection, TreeQuestion<T> question) throws SQLException {
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        connection.setReadOnly(true);
        try {
            return question.ask(size(connection), new NodeReader(connection));
        } finally {
            connection.rollback();
        }
    }

    public List<Entry> entries(long start, int limit) {
        List<Entry> entries = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("""
                     SELECT e.idx, e.body, n.hash FROM log_entry e
                     LEFT JOIN log_node n ON n.level = 0 AND n.idx = e.idx
                     WHERE e.idx >= ? ORDER BY e.idx LIMIT ?""")) {
            select.setLong(1, start);
            select.setInt(2, limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    entries.add(new Entry(rows.getLong(1), rows.getString(2), rows.getBytes(3)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the transparency log: " + e.getMessage(), e);
        }
        return entries;
    }

    /** The entries copied from {@code source} records of these keys, by index: what an evidence bundle proves. */
    public List<Entry> entriesOf(String source, Collection<String> keys) {
        List<Entry> entries = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("""
                     SELECT idx, body FROM log_entry WHERE source = ? AND source_key = ANY(?) ORDER BY idx""")) {
            select.setString(1, source);
            select.setArray(2, connection.createArrayOf("text", keys.toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    entries.add(new Entry(rows.getLong(1), rows.getString(2), null));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the transparency log: " + e.getMessage(), e);
        }
        return entries;
    }

    private static long size(Connection connection) throws SQLException {
        // the number of leaves the tree has (entries and level-0 nodes are written together, at 0, 1, 2…): the last
        // index read off the primary key, not a count, which would read every leaf (tens of ms at a million)
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT coalesce(max(idx) + 1, 0) FROM log_node WHERE level = 0");
             ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    /**
     * Node lookups on one connection, each read once per question; the nodes a root or a proof will read are fetched
     * in one query first ({@link MerkleTree.Nodes#willRead}), not one round trip each (~20 at a million entries).
     */
    private static final class NodeReader implements MerkleTree.Nodes {
        private final Map<String, byte[]> read = new HashMap<>();
        private final Connection connection;
        private final PreparedStatement select;

        NodeReader(Connection connection) throws SQLException {
            this.connection = connection;
            this.select = connection.prepareStatement("SELECT hash FROM log_node WHERE level = ? AND idx = ?");
        }

        @Override
        public byte[] hash(int level, long index) {
            return read.computeIfAbsent(key(level, index), key -> lookup(level, index));
        }

        @Override
        public boolean fetchesAhead() {
            return true;
        }

        @Override
        public void willRead(List<MerkleTree.Node> nodes) {
            List<MerkleTree.Node> missing = nodes.stream().filter(node -> !read.containsKey(key(node.level(),
                    node.index()))).distinct().toList();
            if (missing.isEmpty()) {
                return;
            }
            try (PreparedStatement many = connection.prepareStatement("""
                    SELECT n.level, n.idx, n.hash FROM log_node n
                    JOIN unnest(?::int[], ?::bigint[]) AS wanted(level, idx) ON n.level = wanted.level AND n.idx = wanted.idx""")) {
                many.setArray(1, connection.createArrayOf("int4", missing.stream().map(MerkleTree.Node::level).toArray()));
                many.setArray(2, connection.createArrayOf("int8", missing.stream().map(MerkleTree.Node::index).toArray()));
                try (ResultSet rows = many.executeQuery()) {
                    while (rows.next()) {
                        read.put(key(rows.getInt(1), rows.getLong(2)), rows.getBytes(3));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the log's nodes: " + e.getMessage(), e);
            }
        }

        private static String key(int level, long index) {
            return level + "/" + index;
        }

        private byte[] lookup(int level, long index) {
            try {
                select.setInt(1, level);
                select.setLong(2, index);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        throw new IllegalStateException("the log's node " + level + "/" + index + " is missing");
                    }
                    return row.getBytes(1);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the log's node " + level + "/" + index, e);
            }
        }
    }
}
