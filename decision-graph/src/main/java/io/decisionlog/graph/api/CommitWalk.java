package io.decisionlog.graph.api;

import io.decisionlog.events.errors.BadRequest;
import io.decisionlog.graph.store.CommitListing;

import java.util.List;
import java.util.Set;

/**
 * What an auditor's walk over a repository's commits asks, checked once for every list that walks them (commits,
 * chains, the evidence export): the repository, days, completeness, signature status and page size.
 */
record CommitWalk(String repo, DateRange range, Boolean complete, String signed, int pageSize) {
    static final int MAX_LIMIT = 500;
    private static final Set<String> SIGNATURE_STATUSES = Set.of("verified", "unverified", "bad", "unknown_key", "none");

    /** @throws BadRequest naming the parameter that is wrong; NotFound for a repository the caller may not read */
    static CommitWalk parse(Lines lines, String repo, String since, String until, String complete, String signed,
                            String limit) {
        String r = Params.required("repo", repo);
        lines.requireRepo(r);
        DateRange range = DateRange.parse(since, until);
        int size = limit == null ? 100 : Params.positive("limit", limit);
        if (size > MAX_LIMIT) {
            throw new BadRequest("limit", "limit is at most " + MAX_LIMIT);
        }
        if (signed != null && !SIGNATURE_STATUSES.contains(signed)) {
            throw new BadRequest("signed", "signed is one of verified, unverified, bad, unknown_key, none");
        }
        if (complete != null && !complete.equals("true") && !complete.equals("false")) {
            throw new BadRequest("complete", "complete is true or false");
        }
        return new CommitWalk(r, range, complete == null ? null : Boolean.valueOf(complete), signed, size);
    }

    /** One page after {@code after} (null: the first), with one row more than the page when another page follows. */
    List<CommitListing.Row> page(CommitListing listing, CommitListing.Cursor after) {
        return listing.page(new CommitListing.Filter(repo, range.from(), range.to(), complete, signed, after,
                pageSize + 1));
    }

    /** The page's rows without the look-ahead row. */
    List<CommitListing.Row> shown(List<CommitListing.Row> rows) {
        return rows.subList(0, Math.min(pageSize, rows.size()));
    }

    /** The cursor of the next page, or null when this was the last. */
    String next(List<CommitListing.Row> rows) {
        return rows.size() > pageSize ? CommitList.cursorAfter(rows.get(pageSize - 1)) : null;
    }

    /** Where the next page starts, for a walk that pages on the server; null when this was the last. */
    CommitListing.Cursor after(List<CommitListing.Row> rows) {
        CommitListing.Row last = rows.size() > pageSize ? rows.get(pageSize - 1) : null;
        return last == null ? null : new CommitListing.Cursor(last.committedAt(), last.sha());
    }
}
