package io.decisionlog.graph.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * An auditor's walk over a repository's commits in a date range, newest first, without knowing their shas: filtered by
 * completeness and by signature status, paged by a keyset cursor (the last row's commit time and sha), so a page
 * costs the same however deep the walk is. One statement; every request value a parameter.
 */
@ApplicationScoped
public class CommitListing {
    private final StoreReads reads;

    @Inject
    public CommitListing(StoreReads reads) {
        this.reads = reads;
    }

    /** Which commits: {@code complete} and {@code signature} null for any; {@code after} null for the first page. */
    public record Filter(String repo, Instant from, Instant to, Boolean complete, String signature, Cursor after,
                         int limit) {
    }

    /** Where the previous page ended. */
    public record Cursor(Instant committedAt, String sha) {
    }

    /** A commit's row: its chain as the store holds it ({@code body}). */
    public record Row(String sha, Instant committedAt, String body) {
    }

    public List<Row> page(Filter filter) {
        StringBuilder sql = new StringBuilder("""
                SELECT sha, committed_at, body FROM chain
                WHERE repo = ?1 AND committed_at >= ?2 AND committed_at < ?3""");
        List<Object> parameters = new ArrayList<>(List.of(filter.repo(), utc(filter.from()), utc(filter.to())));
        if (filter.complete() != null) {
            parameters.add(filter.complete());
            sql.append(" AND complete = ?").append(parameters.size());
        }
        if (filter.signature() != null) {
            parameters.add(filter.signature());
            sql.append(" AND body::jsonb #>> '{commit,signature,status}' = ?").append(parameters.size());
        }
        if (filter.after() != null) {
            parameters.add(utc(filter.after().committedAt()));
            parameters.add(filter.after().sha());
            sql.append(" AND (committed_at, sha) < (?").append(parameters.size() - 1).append(", ?")
                    .append(parameters.size()).append(')');
        }
        parameters.add(filter.limit());
        sql.append(" ORDER BY committed_at DESC, sha DESC LIMIT ?").append(parameters.size());
        List<Row> rows = new ArrayList<>();
        for (Object row : reads.rows(sql.toString(), parameters.toArray())) {
            Object[] columns = (Object[]) row;
            rows.add(new Row((String) columns[0], SqlValues.instant(columns[1]), (String) columns[2]));
        }
        return rows;
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
