package io.decisionlog.graph.store;

import io.quarkus.panache.common.Parameters;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decisions matching a search, one keyset page at a time. The query is assembled from fixed fragments only;
 * request values travel as parameters.
 */
public final class DecisionSearch {
    /** Missing dates sort as the oldest. */
    private static final LocalDate NO_DATE = LocalDate.of(1, 1, 1);

    /** The orders a client may ask for. */
    public enum Sort { ID, NEWEST }

    /** Where the previous page ended: its last row's sort values. */
    public record After(LocalDate date, String decisionId) {
    }

    public record Criteria(String q, String status, String owner, Sort sort, After after, int limit) {
    }

    private DecisionSearch() {
    }

    /** Up to {@code limit + 1} rows: the extra one tells whether another page follows. */
    public static List<DecisionRow> page(Criteria criteria) {
        List<String> where = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (criteria.q() != null) {
            where.add("searchText like :q escape '\\'");
            parameters.and("q", "%" + likeLiteral(criteria.q().toLowerCase(Locale.ROOT)) + "%");
        }
        if (criteria.status() != null) {
            where.add("status = :status");
            parameters.and("status", criteria.status());
        }
        if (criteria.owner() != null) {
            where.add("owner = :owner");
            parameters.and("owner", criteria.owner());
        }
        String order;
        if (criteria.sort() == Sort.NEWEST) {
            parameters.and("noDate", NO_DATE);
            order = " order by coalesce(decidedOn, :noDate) desc, decisionId";
            if (criteria.after() != null) {
                where.add("(coalesce(decidedOn, :noDate) < :afterDate"
                        + " or (coalesce(decidedOn, :noDate) = :afterDate and decisionId > :afterId))");
                parameters.and("afterDate", criteria.after().date() == null ? NO_DATE : criteria.after().date())
                        .and("afterId", criteria.after().decisionId());
            }
        } else {
            order = " order by decisionId";
            if (criteria.after() != null) {
                where.add("decisionId > :afterId");
                parameters.and("afterId", criteria.after().decisionId());
            }
        }
        String query = (where.isEmpty() ? "1 = 1" : String.join(" and ", where)) + order;
        return DecisionRow.<DecisionRow>find(query, parameters).page(0, criteria.limit() + 1).list();
    }

    private static String likeLiteral(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
