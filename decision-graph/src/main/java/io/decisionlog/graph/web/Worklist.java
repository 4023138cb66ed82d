package io.decisionlog.graph.web;

import io.decisionlog.events.DecisionChain;
import io.decisionlog.events.GitCommit;
import io.decisionlog.graph.api.Csv;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;

/** The reviewer's worklist: a repository's commits in a date range with no decision, newest first, with their runs. */
public record Worklist(String repo, LocalDate since, LocalDate until, List<Row> rows, Pager pager, String csvHref) {
    static final int PER_PAGE = 100;

    /** A commit and the runs that shipped it; {@code runs} in words ("github success by li.wei, …"). */
    public record Row(String when, String age, String shortSha, String sha, String subject, String author, String runs,
                      String href) {
    }

    static Row row(String repo, DecisionChain chain, Instant now) {
        GitCommit commit = chain.commit();
        String runs = chain.ciRuns().stream()
                .map(run -> run.provider() + " " + (run.conclusion() != null ? run.conclusion() : run.status())
                        + (run.actor() == null ? "" : " by " + run.actor()))
                .collect(Collectors.joining(", "));
        return new Row(Ages.exact(commit.committedAt()), Ages.ago(commit.committedAt(), now),
                FilePage.shortSha(commit.sha()), commit.sha(), commit.subject(),
                commit.author() == null ? "" : commit.author().name(), runs, Hrefs.commit(repo, commit.sha()));
    }

    /** The worklist as CSV for a spreadsheet; a cell that a spreadsheet would run as a formula is quoted as text. */
    static String csv(List<Row> rows, String repo) {
        StringBuilder out = new StringBuilder("committed_at,repo,sha,author,subject,ci_runs\r\n");
        for (Row row : rows) {
            out.append(Csv.row(row.when(), repo, row.sha(), row.author(), row.subject(), row.runs()));
        }
        return out.toString();
    }
}
