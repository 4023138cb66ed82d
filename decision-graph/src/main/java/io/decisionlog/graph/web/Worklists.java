package io.decisionlog.graph.web;

import io.decisionlog.events.DecisionChain;
import io.decisionlog.graph.api.Chains;
import io.decisionlog.graph.api.DateRange;
import io.decisionlog.graph.store.PageQueries;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Reads a repository's worklist from the store: the commits of a date range that no decision explains. */
final class Worklists {
    /** The most rows a CSV download holds; a longer range is narrowed with since and until. */
    static final int CSV_ROWS = 10_000;

    private final PageQueries queries;
    private final Chains chains;

    Worklists(PageQueries queries, Chains chains) {
        this.queries = queries;
        this.chains = chains;
    }

    Worklist page(String repo, DateRange range, int page) {
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
    List<Worklist.Row> rows(String repo, DateRange range, int offset, int limit) {
        List<PageQueries.CommitRef> refs = queries.unlinked(repo, range.from(), range.to(), offset, limit);
        Map<String, DecisionChain> bySha = chains.bySha(repo, refs.stream().map(PageQueries.CommitRef::sha).toList());
        Instant now = Instant.now();
        return refs.stream().map(ref -> bySha.get(ref.sha())).filter(chain -> chain != null && chain.commit() != null)
                .map(chain -> Worklist.row(repo, chain, now)).toList();
    }
}
