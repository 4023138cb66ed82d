package io.decisionlog.graph.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.decisionlog.events.ChainDecision;
import io.decisionlog.events.CiRun;
import io.decisionlog.events.DecisionChain;
import io.decisionlog.events.GitCommit;
import io.decisionlog.events.Person;
import io.decisionlog.graph.store.LineAt;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/**
 * Why one line is there: its text, the commit that wrote it, the CI runs that shipped it, the decisions behind it, and
 * the stewards' sign-offs of those decisions in the repository.
 */
@Schema(description = "The chain of one line: line → commit → CI runs → decisions → minutes → the stewards' sign-offs")
public record TraceView(
        String repo,
        String path,
        int line,
        @Schema(description = "The line's text; null for files published without text (over the size limit)") String text,
        @Schema(description = "The branch tip the blame is of") String rev,
        Blame blame,
        List<CiRun> ciRuns,
        List<ChainDecision> decisions,
        boolean complete,
        @Schema(description = "Each absent hop, in words") List<String> missing,
        @Schema(description = "Sign-offs of the chain's decisions in the repository, each current, stale or revoked; "
                + "absent when there are none") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        List<SignoffsView.Entry> signoffs) {

    public TraceView(String repo, String path, int line, String text, String rev, Blame blame, List<CiRun> ciRuns,
                     List<ChainDecision> decisions, boolean complete, List<String> missing) {
        this(repo, path, line, text, rev, blame, ciRuns, decisions, complete, missing, List.of());
    }

    /** The commit that last wrote the line, and where the line was then. */
    public record Blame(String sha, String origPath, int origLine,
                        @Schema(description = "true: sha is a revision blame ignores, and the line matched nothing in "
                                + "its parent") @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean ignoredRev,
                        Person author, Person committer, Instant authoredAt, Instant committedAt, String subject) {
    }

    /** With the sign-offs of the chain's decisions, and what their absence leaves missing where it is required. */
    static TraceView of(String repo, String path, int line, LineAt at, ChainAnswer answer) {
        TraceView trace = of(repo, path, line, at, answer.chain());
        return new TraceView(repo, path, line, trace.text(), trace.rev(), trace.blame(), trace.ciRuns(),
                trace.decisions(), trace.complete(), trace.missing(), answer.signoffs());
    }

    static TraceView of(String repo, String path, int line, LineAt at, DecisionChain chain) {
        DecisionChain known = chain == null ? unknownCommit(at.sha()) : chain;
        GitCommit commit = known.commit();
        Blame blame = commit == null
                ? new Blame(at.sha(), at.origPath(), at.origLine(), at.ignoredRev(), null, null, null, null, null)
                : new Blame(at.sha(), at.origPath(), at.origLine(), at.ignoredRev(), commit.author(), commit.committer(),
                        commit.authoredAt(), commit.committedAt(), commit.subject());
        return new TraceView(repo, path, line, at.text(), at.rev(), blame, known.ciRuns(), known.decisions(),
                known.complete(), known.missing());
    }

    /** What a trace shows for a commit decision-graph has no chain of: no commit details, one missing hop. */
    public static DecisionChain unknownCommit(String sha) {
        return new DecisionChain(null, List.of(), List.of(), false,
                List.of("commit " + sha + " is not known to decision-graph yet (no record of it on "
                        + "decisionlog.git.commits.v1; is the repository's sync still running?)"));
    }
}
