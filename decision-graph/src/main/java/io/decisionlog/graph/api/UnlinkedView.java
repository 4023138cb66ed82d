package io.decisionlog.graph.api;

import io.decisionlog.events.CiRun;
import io.decisionlog.events.WireFormat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What shipped without a decision in a range of days, newest first, one page of it. */
@WireFormat
public record UnlinkedView(String repo, LocalDate since, LocalDate until, int page, int perPage, Integer nextPage,
                           List<Item> items) {

    /** A commit that no decision explains, or a run that carried no decision: the {@code kind} says which. */
    public sealed interface Item permits Commit, Run {
        String kind();

        Instant at();
    }

    /** A commit with no decision by any path (trailer, CI run, dispatch, minutes). */
    @WireFormat
    public record Commit(String kind, String sha, Instant at, String author, String subject) implements Item {
        public Commit(String sha, Instant at, String author, String subject) {
            this("commit", sha, at, author, subject);
        }
    }

    /** A run on the commit that carried no decision id ({@code decision_ref} "N/A"); its commit may still be traced. */
    @WireFormat
    public record Run(String kind, String sha, Instant at, String provider, String runId, int attempt, String workflow,
                      String event, String actor, String triggeringActor, String conclusion, String origin, String url,
                      String decisionRef) implements Item {
        public static Run of(CiRun run, Instant at) {
            return new Run("run", run.headSha(), at, run.provider(), run.runId(), run.attempt(), run.workflow(),
                    run.event(), run.actor(), run.triggeringActor(), run.conclusion() != null ? run.conclusion()
                    : run.status(), run.origin() == null ? CiRun.WEBHOOK : run.origin(), run.url(), run.decisionRef());
        }
    }

    /** The page as CSV: one row per item, commits and runs in the same columns. */
    public String csv() {
        StringBuilder out = new StringBuilder(Csv.row("kind", "at", "repo", "sha", "who", "what", "provider", "run_id",
                "attempt", "conclusion", "origin", "decision_ref"));
        for (Item item : items) {
            if (item instanceof Commit commit) {
                out.append(Csv.row(commit.kind(), text(commit.at()), repo, commit.sha(), commit.author(),
                        commit.subject(), null, null, null, null, null, CiRun.NO_DECISION));
            } else if (item instanceof Run run) {
                out.append(Csv.row(run.kind(), text(run.at()), repo, run.sha(), run.actor(), run.workflow(),
                        run.provider(), run.runId(), Integer.toString(run.attempt()), run.conclusion(), run.origin(),
                        run.decisionRef()));
            }
        }
        return out.toString();
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }
}
