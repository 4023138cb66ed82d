package io.decisionlog.graph.api;

import io.decisionlog.events.BlameFile;
import io.decisionlog.events.BlameRange;
import io.decisionlog.events.LineHistory;
import io.decisionlog.events.errors.BadRequest;
import io.decisionlog.graph.store.BlameFileRow;
import io.decisionlog.graph.store.BlameRangeRow;
import io.decisionlog.graph.store.LineAt;
import io.decisionlog.graph.store.StoreQueries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Optional;

/**
 * Files and lines as they were at a past revision ({@code rev=}): the blame comes from the blame-ingester, which
 * computes it in its clone (decision-graph keeps only the tip's), and each line's chain from the store, the same
 * chain the line's commit has today. The caller's scope is checked here first, and the blame-ingester checks the
 * caller's credential again.
 */
@ApplicationScoped
public class PastBlames {
    private final Lines lines;
    private final Ingesters ingesters;
    private final StoreQueries queries;
    private final Chains chains;

    @Inject
    public PastBlames(Lines lines, Ingesters ingesters, StoreQueries queries, Chains chains) {
        this.lines = lines;
        this.ingesters = ingesters;
        this.queries = queries;
        this.chains = chains;
    }

    /** The file at {@code rev}; its {@code rev} is the full sha of the commit the revision named. */
    public BlameFile file(String repo, String path, String rev, Optional<String> credential) {
        lines.requireVisible(repo);
        return ingesters.blameAt(repo, path, rev, credential);
    }

    /** Every commit that changed the line ({@code rev} null: from the tip), each with its chain from the store. */
    public LineHistoryView history(String repo, String path, int line, String rev, Optional<String> credential) {
        lines.requireVisible(repo);
        LineHistory history = ingesters.history(repo, path, line, rev, credential);
        return LineHistoryView.of(history, chains.bySha(repo, history.changes().stream().map(LineHistory.Change::sha).toList()));
    }

    /** One line at {@code rev} with its commit's chain, as {@link Lines#at} gives it at the tip. */
    public LineAt at(String repo, String path, int line, String rev, boolean withBody, Optional<String> credential) {
        BlameFile file = file(repo, path, rev, credential);
        BlameRange range = file.ranges().stream()
                .filter(candidate -> candidate.start() <= line && line < candidate.start() + candidate.count())
                .findFirst()
                .orElseThrow(() -> new BadRequest("line", "line " + line + " is out of range: " + path + " has "
                        + file.lines() + (file.lines() == 1 ? " line" : " lines") + " at " + file.rev().substring(0, 7)));
        String text = file.text() == null ? null : file.text().get(line - 1);
        return new LineAt(file.lines(), file.rev(), range.sha(), range.origPath(), range.origStart() + line - range.start(),
                text, queries.chainOf(repo, range.sha(), withBody).orElse(null), range.ignoredRev());
    }

    /** The file's rows as the store would hold them, for the views that read a file at the tip from there. */
    static BlameFileRow fileRow(BlameFile file) {
        BlameFileRow row = new BlameFileRow();
        row.repo = file.repo();
        row.path = file.path();
        row.rev = file.rev();
        row.lineCount = file.lines();
        row.hasText = file.text() != null;
        return row;
    }

    static List<BlameRangeRow> rangeRows(BlameFile file) {
        return file.ranges().stream().map(range -> {
            BlameRangeRow row = new BlameRangeRow();
            row.repo = file.repo();
            row.path = file.path();
            row.startLine = range.start();
            row.lineCount = range.count();
            row.sha = range.sha();
            row.origPath = range.origPath();
            row.origStart = range.origStart();
            row.ignoredRev = range.ignoredRev();
            row.lines = file.text() == null ? null
                    : file.text().subList(range.start() - 1, range.start() - 1 + range.count()).toArray(String[]::new);
            return row;
        }).toList();
    }
}
