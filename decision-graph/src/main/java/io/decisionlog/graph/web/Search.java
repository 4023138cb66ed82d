package io.decisionlog.graph.web;

import io.decisionlog.events.DecisionChain;
import io.decisionlog.events.errors.NotFound;
import io.decisionlog.graph.api.Chains;
import io.decisionlog.graph.api.DecisionPage;
import io.decisionlog.graph.api.Decisions;
import io.decisionlog.graph.store.DecisionSearch;
import io.decisionlog.graph.store.PageQueries;
import io.decisionlog.kit.auth.RepoAccess;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The one search box: decisions by id, title and text; commits by sha prefix, subject and message; files by path. Each
 * kind contributes its best {@value #PER_KIND} candidates the viewer may see, ranked on one scale. Typing a decision id
 * or a sha that names exactly one commit goes straight to it.
 */
@ApplicationScoped
public class Search {
    static final int PER_PAGE = 20;
    static final int PER_KIND = 100;
    /** A query longer than this is not something a person typed to find a thing. */
    static final int MAX_QUERY = 200;

    private final Decisions decisions;
    private final PageQueries pages;
    private final Chains chains;
    private final RepoAccess access;

    @Inject
    public Search(Decisions decisions, PageQueries pages, Chains chains, RepoAccess access) {
        this.decisions = decisions;
        this.pages = pages;
        this.chains = chains;
        this.access = access;
    }

    /** Where an exact decision id or a sha of exactly one visible commit leads, if the query is one. */
    Optional<String> directHit(String query) {
        String q = query.trim();
        if (decisions.isId(q) && visible(q)) {
            return Optional.of(Hrefs.decision(q));
        }
        if (q.matches("[0-9a-fA-F]{7,40}")) {
            List<PageQueries.CommitRef> commits = pages.commitsMatching(q, 3).stream()
                    .filter(commit -> commit.sha().startsWith(q.toLowerCase(Locale.ROOT)))
                    .filter(commit -> access.maySee(commit.repo())).toList();
            if (commits.size() == 1) {
                return Optional.of(Hrefs.commit(commits.get(0).repo(), commits.get(0).sha()));
            }
        }
        return Optional.empty();
    }

    private boolean visible(String decisionId) {
        try {
            decisions.decision(decisionId);
            return true;
        } catch (NotFound e) {
            return false;
        }
    }

    SearchResults find(String query, int page) {
        String q = query.trim();
        if (q.isEmpty()) {
            return new SearchResults("", 0, List.of(), Pager.of(1, 1, n -> ""));
        }
        List<SearchResults.Hit> hits = new ArrayList<>();
        hits.addAll(decisionHits(q));
        hits.addAll(commitHits(q));
        hits.addAll(pathHits(q));
        hits.sort(Comparator.comparingInt(SearchResults.Hit::score).reversed().thenComparing(SearchResults.Hit::title));
        int pages = Math.max(1, (hits.size() + PER_PAGE - 1) / PER_PAGE);
        Pager pager = Pager.of(page, pages, number -> Hrefs.search(q) + "&page=" + number);
        int from = (pager.page() - 1) * PER_PAGE;
        return new SearchResults(q, hits.size(), hits.subList(from, Math.min(from + PER_PAGE, hits.size())), pager);
    }

    private List<SearchResults.Hit> decisionHits(String q) {
        String lower = q.toLowerCase(Locale.ROOT);
        DecisionPage found = decisions.search(new DecisionSearch.Criteria(q, null, null, DecisionSearch.Sort.ID, null,
                PER_KIND));
        return found.items().stream().map(d -> new SearchResults.Hit("decision", d.decisionId() + " " + nonNull(d.title()),
                nonNull(d.status()) + (d.owner() == null ? "" : " · " + d.owner()), Hrefs.decision(d.decisionId()),
                d.decisionId().equalsIgnoreCase(q) ? 1000 : nonNull(d.title()).toLowerCase(Locale.ROOT).contains(lower)
                        ? 300 : 200)).toList();
    }

    private List<SearchResults.Hit> commitHits(String q) {
        String lower = q.toLowerCase(Locale.ROOT);
        Map<String, List<String>> shasByRepo = pages.commitsMatching(q, PER_KIND).stream()
                .filter(commit -> access.maySee(commit.repo()))
                .collect(Collectors.groupingBy(PageQueries.CommitRef::repo,
                        Collectors.mapping(PageQueries.CommitRef::sha, Collectors.toList())));
        List<SearchResults.Hit> hits = new ArrayList<>();
        shasByRepo.forEach((repo, shas) -> {
            for (DecisionChain chain : chains.of(repo, shas)) {
                String sha = chain.commit().sha();
                String subject = nonNull(chain.commit().subject());
                int score = sha.startsWith(lower) ? 900 : subject.toLowerCase(Locale.ROOT).contains(lower) ? 250 : 150;
                hits.add(new SearchResults.Hit("commit", subject, repo + " @ " + FilePage.shortSha(sha),
                        Hrefs.commit(repo, sha), score));
            }
        });
        return hits;
    }

    private List<SearchResults.Hit> pathHits(String q) {
        String lower = q.toLowerCase(Locale.ROOT);
        return pages.pathsMatching(q, PER_KIND).stream().filter(file -> access.maySee(file.repo())).map(file -> {
            String name = file.path().substring(file.path().lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
            return new SearchResults.Hit("path", file.path(), file.repo() + " · " + file.count() + " lines",
                    Hrefs.blob(file.repo(), file.path()), name.equals(lower) ? 280 : 120);
        }).toList();
    }

    private static String nonNull(String text) {
        return text == null ? "" : text;
    }
}
