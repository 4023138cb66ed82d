package io.decisionlog.graph.web;

import io.decisionlog.graph.api.IngesterViews;

import java.util.List;

/** A minutes source: where it stands, the files it accepted, and every error of every file it rejected. */
public record SourcePage(String source, String url, String branch, String head, String lastSync, String lastSyncExact,
                         String error, int accepted, int rejected, int decisions, List<String> acceptedFiles,
                         List<Rejected> rejectedFiles) {

    public record Rejected(String path, List<IngesterViews.Problem> errors) {
    }
}
