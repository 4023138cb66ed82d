package io.decisionlog.graph.store;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The queries that span tables; each is one statement that the primary keys and indexes answer. */
@ApplicationScoped
public class StoreQueries {
    // the last range that starts at or before the line (one backward probe of the (repo, path, start_line) key),
    // and its commit's chain by primary key: a trace's one round trip. The chain is a LATERAL lookup by its whole key
    // (LIMIT 1 keeps the planner from flattening it into a join) for the reason DECIDED gives
    private static final String LINE_AT = """
            SELECT f.line_count, f.rev, r.start_line, r.line_count, r.sha, r.orig_path, r.orig_start,
                   r.lines[? - r.start_line + 1],
                   c.sha IS NOT NULL, c.trace_commit, c.trace_links,
                   CASE WHEN ? OR c.trace_commit IS NULL THEN c.body END, r.ignored_rev
            FROM blame_file f
            LEFT JOIN LATERAL (
                SELECT * FROM blame_range r WHERE r.repo = f.repo AND r.path = f.path AND r.start_line <= ?
                ORDER BY r.start_line DESC LIMIT 1) r ON true
            LEFT JOIN LATERAL (
                SELECT * FROM chain c WHERE c.repo = f.repo AND c.sha = r.sha LIMIT 1) c ON true
            WHERE f.repo = ? AND f.path = ?""";

    private static final String CHAIN_OF = """
            SELECT trace_commit, trace_links, CASE WHEN ? OR trace_commit IS NULL THEN body END
            FROM chain WHERE repo = ? AND sha = ?""";

    /**
     * The range {@code r}'s commit has a chain that holds a decision: one lookup by the chain's whole key per range. A
     * join of ranges and chains trusts the planner's estimate of the ranges, and just after a registration its
     * statistics do not know the repository: it estimates one range, and the join it picks reads every chain of the
     * repository once per range (over 30 s for 2i2c-org/infrastructure's 20,465 ranges, against 0.2 s).
     */
    static final String DECIDED = "EXISTS (SELECT 1 FROM chain c WHERE c.repo = r.repo AND c.sha = r.sha"
            + " AND c.decision_count > 0)";

    private static final String COVERAGE = """
            SELECT r.repo, r.path, SUM(r.line_count), COALESCE(SUM(r.line_count) FILTER (WHERE %s), 0)
            FROM blame_range r
            WHERE r.repo = ?1 AND starts_with(r.path, ?2) GROUP BY r.repo, r.path ORDER BY r.path""".formatted(DECIDED);

    private static final String FILE_BLAME = """
            SELECT f.line_count, f.rev, r.start_line, r.line_count, r.sha, r.orig_path, r.orig_start, r.lines, r.ignored_rev
            FROM blame_file f LEFT JOIN blame_range r ON r.repo = f.repo AND r.path = f.path
            WHERE f.repo = ? AND f.path = ? ORDER BY r.start_line""";

    private final StoreReads reads;
    private final AgroalDataSource dataSource;

    @Inject
    public StoreQueries(StoreReads reads, AgroalDataSource dataSource) {
        this.reads = reads;
        this.dataSource = dataSource;
    }

    /**
     * The file's length, the range covering {@code line} with that line's text, and the chain of the range's commit;
     * empty when the file is unknown. The chain's JSON comes along only {@code withBody}, or when the row has no
     * pre-rendered trace parts yet.
     */
    public Optional<LineAt> lineAt(String repo, String path, int line, boolean withBody) {
        // plain JDBC: the statement every trace runs, without an entity manager's session and result mapping
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = reads.prepare(connection, LINE_AT)) {
            select.setInt(1, line);
            select.setBoolean(2, withBody);
            select.setInt(3, line);
            select.setString(4, repo);
            select.setString(5, path);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(lineAt(row, repo, line)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw reads.failure(e, "line " + line + " of " + repo + ":" + path);
        }
    }

    private static LineAt lineAt(ResultSet row, String repo, int line) throws SQLException {
        int fileLines = row.getInt(1);
        String rev = row.getString(2);
        int start = row.getInt(3);
        if (row.wasNull() || line > fileLines || line >= start + row.getInt(4)) {
            return new LineAt(fileLines, rev, null, null, 0, null, null, false);
        }
        String sha = row.getString(5);
        StoredChain chain = row.getBoolean(9) ? storedChain(row, 10, repo, sha) : null;
        return new LineAt(fileLines, rev, sha, row.getString(6), row.getInt(7) + line - start, row.getString(8), chain,
                row.getBoolean(13));
    }

    /** A file's blame at its tip, every range with its lines, as {@link TraceMemory} keeps it; empty when unknown. */
    Optional<FileBlame> fileBlame(String repo, String path) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = reads.prepare(connection, FILE_BLAME)) {
            select.setString(1, repo);
            select.setString(2, path);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                FileBlame.Builder file = FileBlame.builder(path, row.getInt(1), row.getString(2));
                do {
                    int start = row.getInt(3);
                    if (!row.wasNull()) {
                        Array lines = row.getArray(8);
                        file.range(start, row.getInt(4), row.getString(5), row.getString(6), row.getInt(7),
                                row.getBoolean(9), lines == null ? null : (String[]) lines.getArray());
                    }
                } while (row.next());
                return Optional.of(file.build());
            }
        } catch (SQLException e) {
            throw reads.failure(e, "the blame of " + repo + ":" + path);
        }
    }

    /** A commit's chain as {@link #lineAt} reads it, for a line whose blame came from elsewhere (a past revision). */
    public Optional<StoredChain> chainOf(String repo, String sha, boolean withBody) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = reads.prepare(connection, CHAIN_OF)) {
            select.setBoolean(1, withBody);
            select.setString(2, repo);
            select.setString(3, sha);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(storedChain(row, 1, repo, sha)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw reads.failure(e, "the chain of " + repo + "@" + sha);
        }
    }

    /** The chain from its trace parts and body, in three columns from {@code first}. */
    private static StoredChain storedChain(ResultSet row, int first, String repo, String sha) throws SQLException {
        String commit = row.getString(first);
        TraceParts parts = commit == null ? null : new TraceParts(commit, row.getString(first + 1));
        return new StoredChain(repo, sha, parts, row.getString(first + 2));
    }

    /** The commits whose chains carry the decision. */
    public List<CommitKey> commitsOf(String decisionId) {
        List<?> rows = reads.rows("SELECT repo, sha FROM chain_decision WHERE decision_id = ?1 ORDER BY repo, sha",
                decisionId);
        return rows.stream().map(row -> (Object[]) row).map(row -> new CommitKey((String) row[0], (String) row[1])).toList();
    }

    /** One version of a decision's minutes as the projection saw it; {@code body} is the minutes' JSON. */
    public record Revision(int revision, String status, String title, String minutesCommit, String minutesPath,
                           java.time.Instant recordedAt, String body) {
    }

    /** The decision's revisions, oldest first, at most {@code limit}. */
    public List<Revision> revisionsOf(String decisionId, int limit) {
        List<?> rows = reads.rows("""
                        SELECT revision, status, title, minutes_commit, minutes_path, recorded_at, body
                        FROM decision_revision WHERE decision_id = ?1 ORDER BY revision LIMIT ?2""", decisionId, limit);
        return rows.stream().map(row -> (Object[]) row).map(row -> new Revision(((Number) row[0]).intValue(),
                (String) row[1], (String) row[2], (String) row[3], (String) row[4], SqlValues.instant(row[5]), (String) row[6]))
                .toList();
    }

    /** Lines at the tips that the decision's commits still own, per file. */
    public List<FileLines> linesOwnedBy(String decisionId) {
        List<?> rows = reads.rows("""
                SELECT r.repo, r.path, SUM(r.line_count), SUM(r.line_count)
                FROM chain_decision d JOIN blame_range r ON r.repo = d.repo AND r.sha = d.sha
                WHERE d.decision_id = ?1 GROUP BY r.repo, r.path ORDER BY r.repo, r.path""", decisionId);
        return fileLines(rows);
    }

    /** Per file under the prefix: its lines, and those whose commit's chain holds at least one decision. */
    public List<FileLines> coverage(String repo, String pathPrefix) {
        return fileLines(reads.rows(COVERAGE, repo, pathPrefix));
    }

    private static List<FileLines> fileLines(List<?> rows) {
        return rows.stream().map(row -> (Object[]) row).map(columns -> new FileLines((String) columns[0],
                (String) columns[1], ((Number) columns[2]).intValue(), ((Number) columns[3]).intValue())).toList();
    }

    /** Lines of one file, and how many of them a query's condition holds for. */
    public record FileLines(String repo, String path, int lines, int matching) {
    }
}
