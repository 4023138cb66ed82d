package io.decisionlog.graph.web;

import java.util.List;

/**
 * Every repository the viewer may see: its sync as the blame-ingester reports it, its decision coverage and its
 * commits without a decision, as the store knows them; and the minutes sources. {@code notice} says what could not be
 * asked (an ingester that did not answer), so a page never silently shows less.
 */
public record RepoList(List<Repo> repos, List<Source> sources, List<String> notices) {

    public record Repo(String repo, String href, String branch, String tip, String lastSync, String lastSyncExact,
                       String state, Double percent, int lines, int traced, long unlinked, String unlinkedHref,
                       String problem) {
        public double coverage() {
            return lines == 0 ? 0 : Math.round(1000.0 * traced / lines) / 10.0;
        }

        public boolean syncing() {
            return "syncing".equals(state) || "queued".equals(state);
        }
    }

    public record Source(String source, String href, int accepted, int rejected, int decisions, String lastSync,
                         String error) {
    }
}
