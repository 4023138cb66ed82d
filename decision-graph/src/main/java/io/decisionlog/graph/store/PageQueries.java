package io.decisionlog.graph.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/**
 * What the web pages ask of the store beyond the trace queries: the reviewer's worklist (also {@code /api/v1/unlinked}
 * and its CSV), search over commits and paths, and a decision's lines range by range. Each is one statement,
 * bounded by a limit; request values travel as parameters.
 */
@ApplicationScoped
public class PageQueries {
    private static final String COVERAGE_TOTAL = """
            SELECT COALESCE(SUM(r.line_count), 0), COALESCE(SUM(r.line_count) FILTER (WHERE %s), 0)
            FROM blame_range r WHERE r.repo = ?1""".formatted(StoreQueries.DECIDED);

    private final StoreReads reads;

    @Inject
    public PageQueries(StoreReads reads) {
        this.reads = reads;
    }

    /** A commit of a repository, found by a page query. */
    public record CommitRef(String repo, String sha) {
    }

    /** Lines {@code start}..{@code start + count - 1} of a file. */
    public record LineRange(String repo, String path, int start, int count) {
    }

    /** The repositories with at least one file in the store. */
    public List<String> repos() {
        return strings(reads.rows("SELECT DISTINCT repo FROM blame_file ORDER BY repo"));
    }

    /** A repository's lines at the tip, and those whose commit's chain holds at least one decision: {lines, traced}. */
    public int[] coverageTotal(String repo) {
        Object[] row = (Object[]) reads.single(COVERAGE_TOTAL, repo);
        return new int[] {((Number) row[0]).intValue(), ((Number) row[1]).intValue()};
    }

    /** Commits of the repository with no decision, committed in [{@code since}, {@code until}), newest first. */
    public List<CommitRef> unlinked(String repo, Instant since, Instant until, int offset, int limit) {
        List<?> rows = reads.rows("""
                        SELECT repo, sha FROM chain
                        WHERE repo = ?1 AND decision_count = 0 AND committed_at >= ?2 AND committed_at < ?3
                        ORDER BY committed_at DESC, sha LIMIT ?4 OFFSET ?5""",
                repo, utc(since), utc(until), limit, offset);
        return commitRefs(rows);
    }

    /**
     * What shipped without a decision in [{@code since}, {@code until}), newest first: a commit with no decision (at
     * its commit time; {@code runJson} null) or a run on a commit that carried none (decision_ref N/A; at its
     * completion, else its last update; {@code runJson} the run as its chain holds it).
     */
    public record UnlinkedRow(String sha, Instant at, String author, String subject, String runJson) {
    }

    public List<UnlinkedRow> unlinkedCommitsAndRuns(String repo, Instant since, Instant until, int offset, int limit) {
        List<?> rows = reads.rows("""
                        SELECT sha, at, author, subject, run FROM (
                            SELECT sha, committed_at AS at, author, body::jsonb #>> '{commit,subject}' AS subject,
                                   NULL AS run
                            FROM chain
                            WHERE repo = ?1 AND decision_count = 0 AND committed_at >= ?2 AND committed_at < ?3
                          UNION ALL
                            SELECT c.sha, COALESCE(r.run ->> 'completed_at', r.run ->> 'updated_at')::timestamptz,
                                   NULL, NULL, r.run::text
                            FROM chain c CROSS JOIN LATERAL jsonb_array_elements(c.body::jsonb -> 'ci_runs') AS r(run)
                            WHERE c.repo = ?1 AND c.na_runs > 0 AND r.run ->> 'head_sha' = c.sha
                              AND jsonb_array_length(COALESCE(r.run -> 'decision_ids', '[]'::jsonb)) = 0
                              AND COALESCE(r.run ->> 'completed_at', r.run ->> 'updated_at')::timestamptz >= ?2
                              AND COALESCE(r.run ->> 'completed_at', r.run ->> 'updated_at')::timestamptz < ?3
                        ) unlinked
                        ORDER BY at DESC, sha, run NULLS FIRST LIMIT ?4 OFFSET ?5""",
                repo, utc(since), utc(until), limit, offset);
        return rows.stream().map(row -> (Object[]) row).map(columns -> new UnlinkedRow((String) columns[0],
                SqlValues.instant(columns[1]), (String) columns[2], (String) columns[3], (String) columns[4])).toList();
    }

    /** How many commits of the repository carry no decision. */
    public long unlinkedCount(String repo) {
        return ((Number) reads.single("SELECT count(*) FROM chain WHERE repo = ?1 AND decision_count = 0", repo))
                .longValue();
    }

    /**
     * Commits whose sha starts with {@code text} or whose subject or message holds it: sha matches first, then those
     * that hold it earliest (the subject comes first), then the newest.
     */
    public List<CommitRef> commitsMatching(String text, int limit) {
        String q = text.toLowerCase(Locale.ROOT);
        List<?> rows = reads.rows("""
                        SELECT repo, sha FROM chain
                        WHERE starts_with(sha, ?1) OR strpos(search_text, ?1) > 0
                        ORDER BY starts_with(sha, ?1) DESC, strpos(search_text, ?1), committed_at DESC NULLS LAST, sha
                        LIMIT ?2""", q, limit);
        return commitRefs(rows);
    }

    /** Files whose path holds {@code text}: a file name that is the text first, then shorter paths. */
    public List<LineRange> pathsMatching(String text, int limit) {
        String q = text.toLowerCase(Locale.ROOT);
        List<?> rows = reads.rows("""
                        SELECT repo, path, line_count FROM blame_file
                        WHERE strpos(lower(path), ?1) > 0
                        ORDER BY (lower(path) = ?1 OR right(lower(path), length(?1) + 1) = '/' || ?1) DESC,
                                 length(path), repo, path
                        LIMIT ?2""", q, limit);
        return rows.stream().map(row -> (Object[]) row).map(columns -> new LineRange((String) columns[0],
                (String) columns[1], 1, ((Number) columns[2]).intValue())).toList();
    }

    /** The ranges the decision's commits still own in the given files, in file and line order. */
    public List<LineRange> rangesOwnedBy(String decisionId, List<String> repos, List<String> paths) {
        if (repos.isEmpty()) {
            return List.of();
        }
        List<?> rows = reads.rows("""
                        SELECT r.repo, r.path, r.start_line, r.line_count
                        FROM unnest(CAST(?2 AS text[]), CAST(?3 AS text[])) AS f(repo, path)
                        JOIN blame_range r ON r.repo = f.repo AND r.path = f.path
                        JOIN chain_decision d ON d.repo = r.repo AND d.sha = r.sha AND d.decision_id = ?1
                        ORDER BY r.repo, r.path, r.start_line""",
                decisionId, repos.toArray(String[]::new), paths.toArray(String[]::new));
        return rows.stream().map(row -> (Object[]) row).map(columns -> new LineRange((String) columns[0],
                (String) columns[1], ((Number) columns[2]).intValue(), ((Number) columns[3]).intValue())).toList();
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static List<CommitRef> commitRefs(List<?> rows) {
        return rows.stream().map(row -> (Object[]) row)
                .map(columns -> new CommitRef((String) columns[0], (String) columns[1])).toList();
    }

    private static List<String> strings(List<?> rows) {
        return rows.stream().map(String.class::cast).toList();
    }
}
