package io.decisionlog.graph.web;

import java.util.function.IntFunction;

/** Where a paged list stands: this page of so many, and the links to the pages beside it (null at either end). */
public record Pager(int page, int pages, String previous, String next) {

    static Pager of(int page, int pages, IntFunction<String> href) {
        int current = Math.min(Math.max(page, 1), Math.max(pages, 1));
        return new Pager(current, Math.max(pages, 1), current > 1 ? href.apply(current - 1) : null,
                current < pages ? href.apply(current + 1) : null);
    }

    public boolean several() {
        return pages > 1;
    }
}
