package io.decisionlog.graph.web;

import io.decisionlog.events.ChainDecision;
import io.decisionlog.events.CiRun;
import io.decisionlog.events.CommitSignature;
import io.decisionlog.events.DecisionChain;
import io.decisionlog.events.DecisionMinutes;
import io.decisionlog.events.GitCommit;
import io.decisionlog.events.Via;
import io.decisionlog.graph.api.ChainAnswer;
import io.decisionlog.graph.api.TraceView;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One commit's chain as the side panel (and the commit page) shows it: the line, the commit with its message and
 * trailers, the runs that shipped it, each decision with its minutes, the stewards' sign-offs of those decisions in
 * the repository, and what is missing, in words.
 */
public record ChainView(String repo, String repoHref, String shortSha, String commitHref, LineRef line, Commit commit,
                        List<Run> runs, List<Decision> decisions, List<SignoffRow> signoffs, List<String> missing,
                        boolean complete, String beforeHref) {

    /** The line the chain was asked for, and the path it had when its commit wrote it; null on the commit page. */
    public record LineRef(String path, int number, String text, String href, String pathThen) {
    }

    /** {@code signature}: how the commit is signed, in words, null when it is not; {@code signatureState} its CSS class. */
    public record Commit(String subject, String body, String author, String age, String when, List<Trailer> trailers,
                         String signature, String signatureState) {
    }

    public record Trailer(String key, String value) {
    }

    /**
     * A run as the chain shows it: {@code label} is its id and attempt, {@code decisionRef} its decision ids or N/A,
     * {@code triggeredBy} who re-ran it where that was not its actor, {@code inputs} the inputs that carried the
     * decision ({@code key=value}, comma-separated), {@code pulled} that only the pull from the CI's API saw it.
     */
    public record Run(String provider, String label, String workflow, String conclusion, String actor,
                      String triggeredBy, String reason, String event, String branch, String age, String url,
                      String decisionRef, String inputs, boolean pulled) {
    }

    public record Decision(Chip chip, String vias, String title, String status, String owner, String decision,
                           String rationale, String meeting, String meetingDate, String attendees, String minutesPath,
                           String minutesHref) {
    }

    /** {@code answer}: null when decision-graph has not seen the commit, which is then what is missing. */
    static ChainView of(String repo, String sha, LineRef line, ChainAnswer answer, Instant now) {
        if (answer == null) {
            return of(repo, sha, line, null, List.of(), TraceView.unknownCommit(sha).missing(), now);
        }
        List<SignoffRow> signoffs = answer.signoffs().stream().map(entry -> SignoffRow.of(entry, now)).toList();
        return of(repo, sha, line, answer.chain(), signoffs, answer.chain().missing(), now);
    }

    private static ChainView of(String repo, String sha, LineRef line, DecisionChain chain, List<SignoffRow> signoffs,
                                List<String> missing, Instant now) {
        GitCommit c = chain == null ? null : chain.commit();
        Commit commit = c == null ? null : new Commit(c.subject(), body(c), c.author() == null ? "" : c.author().name(),
                Ages.ago(c.committedAt(), now), Ages.exact(c.committedAt()), trailers(c), signature(c.signature()),
                c.signature() == null ? null : c.signature().status().name().toLowerCase(Locale.ROOT));
        List<Run> runs = chain == null ? List.of() : chain.ciRuns().stream().map(run -> run(run, now)).toList();
        List<Decision> decisions = chain == null ? List.of() : chain.decisions().stream().map(ChainView::decision).toList();
        return new ChainView(repo, Hrefs.repo(repo), FilePage.shortSha(sha), Hrefs.commit(repo, sha), line, commit, runs,
                decisions, signoffs, missing, chain != null && chain.complete(), before(repo, c, line));
    }

    private static String signature(CommitSignature signature) {
        if (signature == null || signature.status() == CommitSignature.Status.NONE) {
            return null;
        }
        String status = signature.status() == CommitSignature.Status.BAD ? "BAD signature"
                : signature.status().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return signature.format() + " " + status + (signature.tag() == null ? "" : " · by the signed tag " + signature.tag())
                + (signature.signer() == null ? "" : " · " + signature.signer())
                + (signature.keyFingerprint() == null ? "" : " · " + signature.keyFingerprint())
                + (signature.reason() == null ? "" : " — " + signature.reason());
    }

    /** The file as it was before the line's commit (at its first parent, under the path it had): null on the commit page. */
    private static String before(String repo, GitCommit commit, LineRef line) {
        if (line == null || commit == null || commit.parents().isEmpty() || line.pathThen() == null) {
            return null;
        }
        return Hrefs.blobAt(repo, commit.parents().get(0), line.pathThen());
    }

    /** The message without its subject line and without the trailers, which are listed on their own. */
    private static String body(GitCommit commit) {
        String message = commit.message() == null ? "" : commit.message();
        int firstBreak = message.indexOf('\n');
        String rest = firstBreak < 0 ? "" : message.substring(firstBreak + 1);
        List<String> kept = new ArrayList<>();
        for (String line : rest.strip().split("\n")) {
            int colon = line.indexOf(':');
            boolean trailer = colon > 0 && commit.trailers().containsKey(line.substring(0, colon).trim());
            if (!trailer) {
                kept.add(line);
            }
        }
        return String.join("\n", kept).strip();
    }

    private static List<Trailer> trailers(GitCommit commit) {
        List<Trailer> trailers = new ArrayList<>();
        commit.trailers().forEach((key, values) -> values.forEach(value -> trailers.add(new Trailer(key, value))));
        return trailers;
    }

    static Run run(CiRun run, Instant now) {
        String triggeredBy = run.triggeringActor() != null && !run.triggeringActor().equals(run.actor())
                ? run.triggeringActor() : null;
        String inputs = run.inputs().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(input -> input.getKey() + "=" + input.getValue()).collect(Collectors.joining(", "));
        return new Run(run.provider(), "#" + run.runId() + (run.attempt() > 1 ? " attempt " + run.attempt() : ""),
                run.workflow() != null ? run.workflow() : run.title(),
                run.conclusion() != null ? run.conclusion() : run.status(), run.actor(), triggeredBy, run.reason(),
                run.event(), run.headBranch(), Ages.ago(run.completedAt() != null ? run.completedAt() : run.updatedAt(), now),
                safeUrl(run.url()), run.decisionRef(), inputs.isEmpty() ? null : inputs, CiRun.PULL.equals(run.origin()));
    }

    private static Decision decision(ChainDecision decision) {
        DecisionMinutes m = decision.minutes();
        String vias = decision.via().stream().map(ChainView::via).collect(Collectors.joining(", "));
        if (m == null) {
            return new Decision(Chip.of(decision), vias, null, null, null, null, null, null, null, null, null, null);
        }
        var meeting = m.meeting();
        return new Decision(Chip.of(decision), vias, m.title(), m.status(), m.owner(), m.decision(), m.rationale(),
                meeting == null ? null : meeting.title(),
                meeting == null || meeting.date() == null ? null : meeting.date().toString(),
                String.join(", ", m.attendees()), meeting == null ? null : meeting.path(),
                meeting == null || meeting.sourceRepo() == null ? null : Hrefs.source(meeting.sourceRepo()));
    }

    /** How the decision reached the commit, as a person would say it. */
    static String via(Via via) {
        return switch (via) {
            case TRAILER -> "named in the commit's trailer";
            case CI_INPUT -> "given to the CI run that shipped it";
            case CI_TITLE -> "named in the CI run's title";
            case CI_DISPATCH -> "dispatched with the run";
            case MINUTES -> "the minutes name this commit";
            case MERGE -> "brought in by a merge";
        };
    }

    /** Only http(s) links are links: a run's URL comes from a webhook, and {@code javascript:} must stay text. */
    static String safeUrl(String url) {
        return url != null && (url.startsWith("https://") || url.startsWith("http://")) ? url : null;
    }
}
