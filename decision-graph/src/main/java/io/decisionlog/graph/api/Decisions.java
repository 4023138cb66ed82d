package io.decisionlog.graph.api;

import io.decisionlog.events.ChainDecision;
import io.decisionlog.events.DecisionChain;
import io.decisionlog.events.DecisionIds;
import io.decisionlog.events.DecisionMinutes;
import io.decisionlog.events.Json;
import io.decisionlog.events.errors.BadRequest;
import io.decisionlog.events.errors.NotFound;
import io.decisionlog.graph.store.DecisionRow;
import io.decisionlog.graph.store.DecisionSearch;
import io.decisionlog.graph.store.StoreQueries;
import io.decisionlog.kit.auth.RepoAccess;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Decisions as the caller may see them: one with everything it touched, and search. The decisions API and the web
 * pages both read them here.
 */
@ApplicationScoped
public class Decisions {
    private final Chains chains;
    private final StoreQueries queries;
    private final DecisionIds ids;
    private final RepoAccess access;

    @Inject
    public Decisions(Chains chains, StoreQueries queries, DecisionIds ids, RepoAccess access) {
        this.chains = chains;
        this.queries = queries;
        this.ids = ids;
        this.access = access;
    }

    public boolean isId(String text) {
        return ids.isId(text.trim());
    }

    /**
     * @throws BadRequest when {@code id} is not a decision id
     * @throws NotFound when neither minutes nor a commit the caller may see know it
     */
    public DecisionView decision(String id) {
        String decisionId = id.trim();
        if (!ids.isId(decisionId)) {
            throw new BadRequest("id", "'" + id + "' is not a decision id (pattern " + ids.pattern() + ", e.g. D-2024-087)");
        }
        DecisionMinutes minutes = minutesOf(decisionId);
        List<DecisionView.Commit> commits = commits(decisionId);
        if ((minutes == null && commits.isEmpty()) || !visible(minutes, commits.stream().map(DecisionView.Commit::repo))) {
            throw new NotFound("decision " + decisionId + " is in no minutes and on no commit known to decision-graph");
        }
        List<DecisionView.OwnedFile> files = queries.linesOwnedBy(decisionId).stream()
                .filter(file -> access.maySee(file.repo()))
                .map(file -> new DecisionView.OwnedFile(file.repo(), file.path(), file.lines())).toList();
        int owned = files.stream().mapToInt(DecisionView.OwnedFile::lines).sum();
        return new DecisionView(decisionId, minutes, commits, owned, files);
    }

    /** The decision's minutes as the store holds them, or null when no minutes record it. */
    DecisionMinutes minutesOf(String decisionId) {
        return DecisionRow.<DecisionRow>findByIdOptional(decisionId).map(Decisions::minutes).orElse(null);
    }

    /** The most revisions a history answers with: a decision edited more often than this is a conversation. */
    static final int MAX_REVISIONS = 1_000;

    /**
     * The versions of a decision's minutes, oldest first, each with the minutes commit that made it.
     *
     * @throws NotFound as {@link #decision} does: the caller may not see it, or nothing knows it
     */
    public DecisionHistory history(String id) {
        DecisionView current = decision(id);
        List<DecisionHistory.Revision> revisions = queries.revisionsOf(current.decisionId(), MAX_REVISIONS).stream()
                .map(revision -> new DecisionHistory.Revision(revision.revision(), revision.status(), revision.title(),
                        revision.minutesCommit(), revision.minutesPath(), revision.recordedAt(),
                        minutes(revision.body(), current.decisionId())))
                .toList();
        return new DecisionHistory(current.decisionId(), revisions);
    }

    /**
     * One page of a search; {@code limit + 1} rows are read so the cursor knows whether another page follows. A scoped
     * caller's page holds the decisions it may see: possibly fewer than the limit, the cursor as usual.
     */
    public DecisionPage search(DecisionSearch.Criteria criteria) {
        List<DecisionRow> rows = DecisionSearch.page(criteria);
        List<DecisionRow> page = rows.subList(0, Math.min(criteria.limit(), rows.size()));
        String next = rows.size() > criteria.limit() ? SearchCursor.encode(criteria.sort(), page.get(page.size() - 1)) : null;
        return new DecisionPage(page.stream().filter(this::visible).map(row -> new DecisionPage.Summary(row.decisionId,
                row.title, row.status, row.owner, row.topic, row.decidedOn)).toList(), next);
    }

    /**
     * A decision belongs to its minutes source; a token scoped to repositories also sees the decisions on their
     * commits, since their chains show them anyway. What it sees of a decision is limited to those repositories.
     */
    private boolean visible(DecisionMinutes minutes, Stream<String> commitRepos) {
        if (access.unscoped()) {
            return true;
        }
        boolean ownSource = minutes != null && minutes.meeting() != null && access.maySee(minutes.meeting().sourceRepo());
        return ownSource || commitRepos.anyMatch(access::maySee);
    }

    private boolean visible(DecisionRow row) {
        return access.unscoped() || visible(minutes(row), queries.commitsOf(row.decisionId).stream().map(key -> key.repo));
    }

    private List<DecisionView.Commit> commits(String decisionId) {
        Map<String, List<String>> shasByRepo = queries.commitsOf(decisionId).stream().collect(Collectors.groupingBy(
                key -> key.repo, TreeMap::new, Collectors.mapping(key -> key.sha, Collectors.toList())));
        List<DecisionView.Commit> commits = new ArrayList<>();
        shasByRepo.forEach((repo, shas) -> {
            if (access.maySee(repo)) {
                chains.of(repo, shas).forEach(chain -> commits.add(commit(chain, decisionId)));
            }
        });
        return commits;
    }

    private static DecisionView.Commit commit(DecisionChain chain, String decisionId) {
        var via = chain.decisions().stream().filter(decision -> decision.decisionId().equals(decisionId))
                .findFirst().map(ChainDecision::via).orElse(List.of());
        return new DecisionView.Commit(chain.commit().repo(), chain.commit().sha(), chain.commit().subject(),
                chain.commit().committedAt(), via, chain.ciRuns(), chain.complete());
    }

    private static DecisionMinutes minutes(DecisionRow row) {
        return minutes(row.body, row.decisionId);
    }

    private static DecisionMinutes minutes(String body, String decisionId) {
        try {
            return Json.MAPPER.readValue(body, DecisionMinutes.class);
        } catch (IOException e) {
            throw new UncheckedIOException("stored minutes of " + decisionId + " are unreadable", e);
        }
    }
}
