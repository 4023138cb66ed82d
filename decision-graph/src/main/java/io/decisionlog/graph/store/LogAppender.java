package io.decisionlog.graph.store;

import io.decisionlog.events.tlog.MerkleTree;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Appends transparency-log entries and the Merkle-tree nodes they complete, in the projection's transaction. The
 * tree's right edge (one complete subtree per set bit of the size) is all an append needs: leaf {@code i} completes
 * a subtree at every level where {@code i+1} is a multiple of its width, as a binary counter carries.
 */
final class LogAppender {
    private final Connection connection;

    LogAppender(Connection connection) {
        this.connection = connection;
    }

    void append(List<StoreChange.LogAppend> entries) throws SQLException {
        if (entries.isEmpty()) {
            return;
        }
        long size;
        long lastOffset;
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT coalesce(max(idx) + 1, 0), coalesce(max(log_offset), -1) FROM log_entry");
             ResultSet row = select.executeQuery()) {
            row.next();
            size = row.getLong(1);
            lastOffset = row.getLong(2);
        }
        Map<Integer, byte[]> edge = rightEdge(size);
        try (PreparedStatement insertEntry = connection.prepareStatement(
                "INSERT INTO log_entry (idx, log_offset, source, source_key, body) VALUES (?, ?, ?, ?, ?)");
             PreparedStatement insertNode = connection.prepareStatement(
                     "INSERT INTO log_node (level, idx, hash) VALUES (?, ?, ?)")) {
            for (StoreChange.LogAppend entry : entries) {
                if (entry.offset() <= lastOffset) {
                    continue; // read again after a failure: already in the tree
                }
                insertEntry.setLong(1, size);
                insertEntry.setLong(2, entry.offset());
                insertEntry.setString(3, entry.source());
                insertEntry.setString(4, entry.sourceKey());
                insertEntry.setString(5, new String(entry.body(), StandardCharsets.UTF_8));
                insertEntry.addBatch();
                carry(size, MerkleTree.leafHash(entry.body()), edge, insertNode);
                size++;
            }
            insertEntry.executeBatch();
            insertNode.executeBatch();
        }
    }

    // adds leaf i's node and each parent it completes; the edge keeps the last node of every level still open
    private static void carry(long leaf, byte[] leafHash, Map<Integer, byte[]> edge, PreparedStatement insertNode)
            throws SQLException {
        int level = 0;
        long index = leaf;
        byte[] hash = leafHash;
        node(insertNode, level, index, hash);
        while ((index & 1) == 1) {
            hash = MerkleTree.nodeHash(edge.remove(level), hash);
            level++;
            index >>= 1;
            node(insertNode, level, index, hash);
        }
        edge.put(level, hash);
    }

    private static void node(PreparedStatement insert, int level, long index, byte[] hash) throws SQLException {
        insert.setInt(1, level);
        insert.setLong(2, index);
        insert.setBytes(3, hash);
        insert.addBatch();
    }

    // the complete subtrees on the right edge of a tree of `size` leaves: node (k, (size >> k) - 1) per set bit k
    private Map<Integer, byte[]> rightEdge(long size) throws SQLException {
        Map<Integer, byte[]> edge = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT hash FROM log_node WHERE level = ? AND idx = ?")) {
            for (int level = 0; level < 63; level++) {
                if ((size >> level & 1) == 1) {
                    select.setInt(1, level);
                    select.setLong(2, (size >> level) - 1);
                    try (ResultSet row = select.executeQuery()) {
                        if (!row.next()) {
                            throw new SQLException("the log's node " + level + "/" + ((size >> level) - 1)
                                    + " is missing: the log tables were changed behind the projection");
                        }
                        edge.put(level, row.getBytes(1));
                    }
                }
            }
        }
        return edge;
    }
}
