package io.decisionlog.graph.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.util.List;
import java.util.Optional;

/** The queries that span tables; each is one statement that the primary keys and indexes answer. */
@ApplicationScoped
public class StoreQueries {
    private final EntityManager entities;

    @Inject
    public StoreQueries(EntityManager entities) {
        this.entities = entities;
    }

    /** The file's length and the range covering {@code line} with that line's text; empty when the file is unknown. */
    public Optional<LineAt> lineAt(String repo, String path, int line) {
        // the last range that starts at or before the line: one backward probe of the (repo, path, start_line) key
        List<?> rows = entities.createNativeQuery("""
                SELECT f.line_count, f.rev, r.start_line, r.line_count AS range_lines, r.sha, r.orig_path, r.orig_start,
                       r.lines[?3 - r.start_line + 1]
                FROM blame_file f
                LEFT JOIN LATERAL (
                    SELECT * FROM blame_range r WHERE r.repo = f.repo AND r.path = f.path AND r.start_line <= ?3
                    ORDER BY r.start_line DESC LIMIT 1) r ON true
                WHERE f.repo = ?1 AND f.path = ?2""")
                .setParameter(1, repo).setParameter(2, path).setParameter(3, line).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = (Object[]) rows.get(0);
        int fileLines = ((Number) row[0]).intValue();
        String rev = (String) row[1];
        if (row[2] == null || line > fileLines || line >= ((Number) row[2]).intValue() + ((Number) row[3]).intValue()) {
            return Optional.of(new LineAt(fileLines, rev, null, null, 0, null));
        }
        int offset = line - ((Number) row[2]).intValue();
        return Optional.of(new LineAt(fileLines, rev, (String) row[4], (String) row[5],
                ((Number) row[6]).intValue() + offset, (String) row[7]));
    }

    /** The commits whose chains carry the decision. */
    public List<CommitKey> commitsOf(String decisionId) {
        List<?> rows = entities.createNativeQuery(
                        "SELECT repo, sha FROM chain_decision WHERE decision_id = ?1 ORDER BY repo, sha")
                .setParameter(1, decisionId).getResultList();
        return rows.stream().map(row -> (Object[]) row).map(row -> new CommitKey((String) row[0], (String) row[1])).toList();
    }

    /** Lines at the tips that the decision's commits still own, per file. */
    public List<FileLines> linesOwnedBy(String decisionId) {
        List<?> rows = entities.createNativeQuery("""
                SELECT r.repo, r.path, SUM(r.line_count), SUM(r.line_count)
                FROM chain_decision d JOIN blame_range r ON r.repo = d.repo AND r.sha = d.sha
                WHERE d.decision_id = ?1 GROUP BY r.repo, r.path ORDER BY r.repo, r.path""")
                .setParameter(1, decisionId).getResultList();
        return fileLines(rows);
    }

    /** Per file under the prefix: its lines, and those whose commit's chain holds at least one decision. */
    public List<FileLines> coverage(String repo, String pathPrefix) {
        List<?> rows = entities.createNativeQuery("""
                SELECT r.repo, r.path, SUM(r.line_count), COALESCE(SUM(r.line_count) FILTER (WHERE c.decision_count > 0), 0)
                FROM blame_range r LEFT JOIN chain c ON c.repo = r.repo AND c.sha = r.sha
                WHERE r.repo = ?1 AND starts_with(r.path, ?2) GROUP BY r.repo, r.path ORDER BY r.path""")
                .setParameter(1, repo).setParameter(2, pathPrefix).getResultList();
        return fileLines(rows);
    }

    private static List<FileLines> fileLines(List<?> rows) {
        return rows.stream().map(row -> (Object[]) row).map(columns -> new FileLines((String) columns[0],
                (String) columns[1], ((Number) columns[2]).intValue(), ((Number) columns[3]).intValue())).toList();
    }

    /** Lines of one file, and how many of them a query's condition holds for. */
    public record FileLines(String repo, String path, int lines, int matching) {
    }
}
