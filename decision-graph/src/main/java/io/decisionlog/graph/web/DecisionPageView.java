package io.decisionlog.graph.web;

import io.decisionlog.events.CiRun;
import io.decisionlog.events.DecisionMinutes;
import io.decisionlog.graph.api.DecisionView;
import io.decisionlog.graph.api.MermaidChart;
import io.decisionlog.graph.api.SignoffsView;
import io.decisionlog.graph.store.PageQueries;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A decision's page: its record and meeting, the commits it is on with their runs, the lines it still owns (a page of
 * files at a time, each range a link into the file), the chain as a diagram, and its sign-offs in each repository,
 * with the form a steward signs off with ({@code steward}).
 */
public record DecisionPageView(String id, DecisionMinutes minutes, Chip chip, String attendees, List<CommitRow> commits,
                               int linesOwned, int filesOwned, List<OwnedFile> files, Pager pager, String diagram,
                               List<SignoffPanel> signoffs, boolean steward) {
    static final int FILES_PER_PAGE = 50;
    private static final int DIAGRAM_COMMITS = 12;
    private static final int DIAGRAM_RUNS = 3;

    public record CommitRow(String repo, String shortSha, String subject, String age, String href, String vias,
                            List<ChainView.Run> runs) {
    }

    public record OwnedFile(String repo, String path, int lines, String href, List<RangeLink> ranges) {
    }

    public record RangeLink(String label, String href) {
    }

    static DecisionPageView of(DecisionView view, List<PageQueries.LineRange> ranges, int page,
                               List<SignoffsView> signoffs, boolean steward, Instant now) {
        List<DecisionView.OwnedFile> all = view.files();
        int pages = Math.max(1, (all.size() + FILES_PER_PAGE - 1) / FILES_PER_PAGE);
        List<DecisionView.OwnedFile> shown = pageOf(all, page);
        Map<String, List<RangeLink>> links = new LinkedHashMap<>();
        for (PageQueries.LineRange range : ranges) {
            int last = range.start() + range.count() - 1;
            links.computeIfAbsent(range.repo() + ":" + range.path(), key -> new ArrayList<>()).add(new RangeLink(
                    range.start() == last ? "L" + range.start() : "L" + range.start() + "–" + last,
                    Hrefs.lines(range.repo(), range.path(), range.start(), last)));
        }
        List<OwnedFile> files = shown.stream().map(file -> new OwnedFile(file.repo(), file.path(), file.lines(),
                Hrefs.blob(file.repo(), file.path()), links.getOrDefault(file.repo() + ":" + file.path(), List.of())))
                .toList();
        String base = Hrefs.decision(view.decisionId());
        Pager pager = Pager.of(page, pages, number -> base + "?page=" + number);
        DecisionMinutes minutes = view.minutes();
        return new DecisionPageView(view.decisionId(), minutes,
                new Chip(view.decisionId(), Chip.statusClass(minutes == null ? null : minutes.status()),
                        minutes == null ? "" : minutes.title(), base),
                minutes == null ? "" : String.join(", ", minutes.attendees()), commits(view, now), view.linesOwned(),
                all.size(), files, pager, diagram(view),
                signoffs.stream().map(signoff -> SignoffPanel.of(signoff, now)).toList(), steward);
    }

    /** The files of one page, 1-based; the last page when {@code page} is past it. */
    static List<DecisionView.OwnedFile> pageOf(List<DecisionView.OwnedFile> files, int page) {
        int pages = Math.max(1, (files.size() + FILES_PER_PAGE - 1) / FILES_PER_PAGE);
        int from = (Math.min(Math.max(page, 1), pages) - 1) * FILES_PER_PAGE;
        return files.subList(Math.min(from, files.size()), Math.min(from + FILES_PER_PAGE, files.size()));
    }

    private static List<CommitRow> commits(DecisionView view, Instant now) {
        return view.commits().stream().map(commit -> new CommitRow(commit.repo(), FilePage.shortSha(commit.sha()),
                commit.subject(), Ages.ago(commit.committedAt(), now), Hrefs.commit(commit.repo(), commit.sha()),
                commit.via().stream().map(ChainView::via).collect(Collectors.joining(", ")),
                commit.ciRuns().stream().map(run -> ChainView.run(run, now)).toList())).toList();
    }

    /** minutes → decision → commits → runs, as Mermaid text; every label escaped, the graph cut to stay readable. */
    static String diagram(DecisionView view) {
        List<String> out = new ArrayList<>();
        out.add("flowchart LR");
        DecisionMinutes m = view.minutes();
        out.add("  d[" + MermaidChart.label(view.decisionId(), m == null ? "no minutes yet" : m.title(),
                m == null ? null : m.status()) + "]");
        if (m != null && m.meeting() != null) {
            out.add("  m[" + MermaidChart.label(m.meeting().title(), String.valueOf(m.meeting().date()),
                    m.meeting().path()) + "] --> d");
        }
        List<DecisionView.Commit> commits = view.commits();
        for (int i = 0; i < Math.min(commits.size(), DIAGRAM_COMMITS); i++) {
            DecisionView.Commit commit = commits.get(i);
            out.add("  d --> c" + i + "[" + MermaidChart.label("commit " + FilePage.shortSha(commit.sha()),
                    commit.repo(), commit.subject()) + "]");
            List<CiRun> runs = commit.ciRuns();
            for (int j = 0; j < Math.min(runs.size(), DIAGRAM_RUNS); j++) {
                CiRun run = runs.get(j);
                out.add("  c" + i + " --> r" + i + "_" + j + "[" + MermaidChart.label(run.provider() + " run "
                        + run.runId(), run.conclusion() != null ? run.conclusion() : run.status()) + "]");
            }
        }
        if (commits.size() > DIAGRAM_COMMITS) {
            out.add("  d --> more[" + MermaidChart.label("and " + (commits.size() - DIAGRAM_COMMITS)
                    + " more commits") + "]");
        }
        return String.join("\n", out) + "\n";
    }
}
