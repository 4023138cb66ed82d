package io.decisionlog.graph.web;

import java.util.List;

/** One page of what the search box found, best first: decisions, commits and paths in one ranked list. */
public record SearchResults(String query, int total, List<Hit> hits, Pager pager) {

    /** A thing found. {@code kind}: decision, commit or path; {@code score} orders the list. */
    public record Hit(String kind, String title, String detail, String href, int score) {
    }
}
