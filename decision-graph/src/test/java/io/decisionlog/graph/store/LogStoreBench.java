package io.decisionlog.graph.store;

import io.decisionlog.deploy.local.EmbeddedDatabase;
import io.decisionlog.deploy.local.Ports;
import io.decisionlog.events.tlog.MerkleTree;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The transparency log as the service keeps it, in PostgreSQL, at a million entries (issue #20): appends through
 * {@link LogAppender} (the projection's code, batches of 500 in a transaction each) against their floor, inserting
 * the same entries into a table of the same shape without the tree, batch for batch, interleaved; then inclusion
 * proofs read through {@link LogStore}'s tree question (one repeatable-read snapshot each, as {@code /log/proof}),
 * against their floor, reading the entry's own row. Every proof is checked against the root.
 *
 * <p>Starts its own embedded PostgreSQL in a temporary directory and stops it at the end. A test-source class in the
 * store's package, so that it drives the package's own appender.
 *
 * <pre>java -cp … io.decisionlog.graph.store.LogStoreBench [entries=1000000] [rounds=5] [proofs=2000]</pre>
 */
public final class LogStoreBench {
    private static final int BATCH = 500;

    private LogStoreBench() {
    }

    public static void main(String[] argv) throws Exception {
        long entries = Long.parseLong(arg(argv, "entries", "1000000"));
        int rounds = Integer.parseInt(arg(argv, "rounds", "5"));
        int proofs = Integer.parseInt(arg(argv, "proofs", "2000"));
        Path dir = Files.createTempDirectory("log-store-bench");
        try (EmbeddedDatabase database = EmbeddedDatabase.start(dir, Ports.free(), true);
             Connection connection = DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.USER, "")) {
            schema(connection);
            long size = appends(connection, entries, rounds);
            proofs(connection, size, proofs, rounds);
        }
    }

    private static void schema(Connection connection) throws Exception {
        try (InputStream in = LogStoreBench.class.getResourceAsStream("/db/migration/V7__transparency_log.sql");
             Statement statement = connection.createStatement()) {
            statement.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            statement.execute("CREATE TABLE floor_entry (LIKE log_entry INCLUDING ALL)");
        }
        connection.setAutoCommit(false);
    }

    /** Each round appends entries/rounds through the appender and as many into the floor table, batch by batch. */
    private static long appends(Connection connection, long entries, int rounds) throws SQLException {
        long perRound = entries / rounds;
        double[] ratios = new double[rounds];
        double[] micros = new double[rounds];
        long offset = 0;
        for (int round = 0; round < rounds; round++) {
            long tree = 0;
            long floor = 0;
            for (long done = 0; done < perRound; done += BATCH) {
                List<StoreChange.LogAppend> batch = batch(offset, (int) Math.min(BATCH, perRound - done));
                boolean treeFirst = (done / BATCH) % 2 == 0;
                if (treeFirst) {
                    tree += timed(() -> new LogAppender(connection).append(batch), connection);
                    floor += timed(() -> floorInsert(connection, batch), connection);
                } else {
                    floor += timed(() -> floorInsert(connection, batch), connection);
                    tree += timed(() -> new LogAppender(connection).append(batch), connection);
                }
                offset += batch.size();
            }
            ratios[round] = (double) tree / floor;
            micros[round] = tree / 1000.0 / perRound;
            System.out.printf("round %d: %,d entries (log at %,d): append %.1f µs/entry, floor %.1f µs/entry, ratio %.2f%n",
                    round + 1, perRound, offset, micros[round], floor / 1000.0 / perRound, ratios[round]);
        }
        System.out.printf("append / insert the entries alone: median %.2f (%.2f-%.2f); append median %.1f µs per entry%n",
                median(ratios), min(ratios), max(ratios), median(micros));
        return offset;
    }

    /** Random inclusion proofs at the final size, each in its own snapshot, against reading the entry's row. */
    private static void proofs(Connection connection, long entries, int proofs, int rounds) throws SQLException {
        Random random = new Random(7);
        byte[] root = LogStore.withTree(connection, (size, nodes) -> MerkleTree.root(nodes, size));
        double[] ratios = new double[rounds];
        double[] micros = new double[rounds];
        int failed = 0;
        for (int round = 0; round < rounds; round++) {
            long proving = 0;
            long reading = 0;
            for (int p = 0; p < proofs; p++) {
                long index = (long) (random.nextDouble() * entries);
                long start = System.nanoTime();
                List<byte[]> proof = LogStore.withTree(connection, (size, nodes) ->
                        MerkleTree.inclusionProof(nodes, index, size));
                proving += System.nanoTime() - start;
                start = System.nanoTime();
                byte[] body = entryBody(connection, index);
                reading += System.nanoTime() - start;
                if (!MerkleTree.verifyInclusion(MerkleTree.leafHash(body), index, entries, proof, root)) {
                    failed++;
                }
            }
            ratios[round] = (double) proving / reading;
            micros[round] = proving / 1000.0 / proofs;
            System.out.printf("round %d: %,d proofs at %,d entries: %.0f µs each, reading the entry %.0f µs, ratio %.2f%n",
                    round + 1, proofs, entries, micros[round], reading / 1000.0 / proofs, ratios[round]);
        }
        System.out.printf("proof from the store / the entry's row: median %.2f (%.2f-%.2f); %.0f µs per proof; "
                + "%d proofs did not verify%n", median(ratios), min(ratios), max(ratios), median(micros), failed);
        if (failed > 0) {
            throw new IllegalStateException(failed + " proofs did not verify against the root");
        }
    }

    private static byte[] entryBody(Connection connection, long index) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT body FROM log_entry WHERE idx = ?")) {
            select.setLong(1, index);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getString(1).getBytes(StandardCharsets.UTF_8);
            } finally {
                connection.rollback();
            }
        }
    }

    private static List<StoreChange.LogAppend> batch(long offset, int count) {
        List<StoreChange.LogAppend> batch = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long n = offset + i;
            String body = "{\"audit_id\":\"" + n + "\",\"at\":\"2026-12-06T03:00:00Z\",\"service\":\"decision-graph\","
                    + "\"principal\":\"token:ab12cd34 (ci)\",\"action\":\"signoff.give\",\"target\":\"D-2024-" + n % 1000
                    + "\",\"outcome\":\"accepted\"}";
            batch.add(new StoreChange.LogAppend(n, "decisionlog.audit.v1", String.valueOf(n),
                    body.getBytes(StandardCharsets.UTF_8)));
        }
        return batch;
    }

    private static void floorInsert(Connection connection, List<StoreChange.LogAppend> batch) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO floor_entry (idx, log_offset, source, source_key, body) VALUES (?, ?, ?, ?, ?)")) {
            for (StoreChange.LogAppend entry : batch) {
                insert.setLong(1, entry.offset());
                insert.setLong(2, entry.offset());
                insert.setString(3, entry.source());
                insert.setString(4, entry.sourceKey());
                insert.setString(5, new String(entry.body(), StandardCharsets.UTF_8));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private interface Write {
        void run() throws SQLException;
    }

    /** The write and its commit, in ns. */
    private static long timed(Write write, Connection connection) throws SQLException {
        long start = System.nanoTime();
        write.run();
        connection.commit();
        return System.nanoTime() - start;
    }

    private static String arg(String[] argv, String name, String fallback) {
        return Arrays.stream(argv).filter(a -> a.startsWith(name + "=")).map(a -> a.substring(name.length() + 1))
                .findFirst().orElse(fallback);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(0);
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(0);
    }
}
