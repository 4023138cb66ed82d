package io.decisionlog.graph.web;

import io.decisionlog.graph.api.IngesterViews;

import java.time.Instant;
import java.util.List;

/** A minutes source's page from what the minutes-ingester reports of it. */
final class SourcePages {
    private SourcePages() {
    }

    static SourcePage of(IngesterViews.SourceStatus status, Instant now) {
        return new SourcePage(status.source(), status.url(), status.branch(),
                status.headCommit() == null ? "" : FilePage.shortSha(status.headCommit()),
                Ages.ago(status.lastSync(), now), Ages.exact(status.lastSync()), status.error(), status.filesAccepted(),
                status.filesRejected(), status.decisionsPublished(),
                status.acceptedFiles() == null ? List.of() : status.acceptedFiles(),
                status.rejectedFiles() == null ? List.of() : status.rejectedFiles().stream()
                        .map(file -> new SourcePage.Rejected(file.path(), file.errors())).toList());
    }
}
