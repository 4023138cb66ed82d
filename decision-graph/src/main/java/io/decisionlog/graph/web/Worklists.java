package io.decisionlog.graph.web;

import io.decisionlog.events.DecisionChain;
import io.decisionlog.events.errors.BadRequest;
import io.decisionlog.graph.api.Chains;
import io.decisionlog.graph.store.PageQueries;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reads a repository's worklist from the store: the commits of a date range that no decision explains. */
final class Worklists {
    /** The most rows a CSV download holds; a longer range is narrowed with since and until. */
    static final int CSV_ROWS = 10_000;
    static final int DEFAULT_DAYS = 90;

    private final PageQueries queries;
    private final Chains chains;

    Worklists(PageQueries queries, Chains chains) {
        this.queries = queries;
        this.chains = chains;
    }

    /** Both days included, in UTC. */
    record Range(LocalDate since, LocalDate until) {
        Instant from() {
            return since.atStartOfDay(ZoneOffset.UTC).toInstant();
        }

        Instant to() {
            return until.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
    }

    /** The range asked for: until defaults to today, since to {@value #DEFAULT_DAYS} days before it. */
    static Range range(String since, String until) {
        LocalDate to = blank(until) ? LocalDate.now(ZoneOffset.UTC) : date("until", until);
        LocalDate from = blank(since) ? to.minusDays(DEFAULT_DAYS) : date("since", since);
        if (from.isAfter(to)) {
            throw new BadRequest("since", "since " + from + " is after until " + to);
        }
        return new Range(from, to);
    }

    Worklist page(String repo, Range range, int page) {
        int offset = (page - 1) * Worklist.PER_PAGE;
        List<Worklist.Row> rows = rows(repo, range, offset, Worklist.PER_PAGE + 1);
        String base = Hrefs.unlinked(repo) + "?since=" + range.since() + "&until=" + range.until();
        Pager pager = new Pager(page, rows.size() > Worklist.PER_PAGE ? page + 1 : page,
                page > 1 ? base + "&page=" + (page - 1) : null,
                rows.size() > Worklist.PER_PAGE ? base + "&page=" + (page + 1) : null);
        return new Worklist(repo, range.since(), range.until(), rows.subList(0, Math.min(rows.size(), Worklist.PER_PAGE)),
                pager, base + "&format=csv");
    }

    /** Newest first, in the store's order. */
    List<Worklist.Row> rows(String repo, Range range, int offset, int limit) {
        List<PageQueries.CommitRef> refs = queries.unlinked(repo, range.from(), range.to(), offset, limit);
        Map<String, DecisionChain> bySha = chains.of(repo, refs.stream().map(PageQueries.CommitRef::sha).toList())
                .stream().collect(Collectors.toMap(chain -> chain.commit().sha(), Function.identity()));
        Instant now = Instant.now();
        return refs.stream().map(ref -> bySha.get(ref.sha())).filter(chain -> chain != null && chain.commit() != null)
                .map(chain -> Worklist.row(repo, chain, now)).toList();
    }

    private static LocalDate date(String name, String value) {
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new BadRequest(name, name + " must be a date like 2026-01-31, not '" + value + "'");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
