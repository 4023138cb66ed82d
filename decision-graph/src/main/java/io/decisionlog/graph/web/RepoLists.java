package io.decisionlog.graph.web;

import io.decisionlog.graph.api.IngesterViews;
import io.decisionlog.graph.api.Ingesters;
import io.decisionlog.graph.store.PageQueries;
import io.decisionlog.kit.auth.RepoAccess;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds the repository list from what the blame-ingester says of each sync and what the store says of its lines. */
@ApplicationScoped
public class RepoLists {
    private final Ingesters ingesters;
    private final PageQueries queries;
    private final RepoAccess access;

    @Inject
    public RepoLists(Ingesters ingesters, PageQueries queries, RepoAccess access) {
        this.ingesters = ingesters;
        this.queries = queries;
        this.access = access;
    }

    RepoList build(Viewer viewer, Instant now) {
        List<String> notices = new ArrayList<>();
        List<RepoList.Repo> repos = ingesters.repos(viewer.credential()).match(
                statuses -> statuses.stream().map(status -> repo(status, now)).toList(),
                () -> List.of(),
                reason -> {
                    notices.add("sync state unknown: " + reason + "; listed are the repositories the store has "
                            + "files of");
                    return queries.repos().stream().filter(access::maySee).map(this::storeOnly).toList();
                });
        List<RepoList.Source> sources = ingesters.sources(viewer.credential()).match(
                all -> all.stream().map(source -> source(source, now)).toList(),
                () -> List.of(),
                reason -> {
                    notices.add("minutes sources unknown: " + reason);
                    return List.of();
                });
        return new RepoList(repos, sources, notices);
    }

    private RepoList.Repo repo(IngesterViews.RepoStatus status, Instant now) {
        int[] coverage = queries.coverageTotal(status.repo());
        String problem = status.errors() == null || status.errors().isEmpty() ? null : status.errors().get(0);
        return new RepoList.Repo(status.repo(), Hrefs.repo(status.repo()), status.branch(),
                status.tip() == null ? "" : FilePage.shortSha(status.tip()), Ages.ago(status.lastSyncAt(), now),
                Ages.exact(status.lastSyncAt()), status.state(), status.percent(), coverage[0], coverage[1],
                queries.unlinkedCount(status.repo()), Hrefs.unlinked(status.repo()), problem);
    }

    private RepoList.Repo storeOnly(String repo) {
        int[] coverage = queries.coverageTotal(repo);
        return new RepoList.Repo(repo, Hrefs.repo(repo), "", "", "", "", "unknown", null, coverage[0], coverage[1],
                queries.unlinkedCount(repo), Hrefs.unlinked(repo), null);
    }

    private static RepoList.Source source(IngesterViews.SourceStatus source, Instant now) {
        return new RepoList.Source(source.source(), Hrefs.source(source.source()), source.filesAccepted(),
                source.filesRejected(), source.decisionsPublished(), Ages.ago(source.lastSync(), now), source.error());
    }
}
