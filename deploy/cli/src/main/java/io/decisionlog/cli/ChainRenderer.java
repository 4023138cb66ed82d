package io.decisionlog.cli;

import io.decisionlog.events.CiRun;
import io.decisionlog.events.CommitSignature;
import io.decisionlog.events.DecisionMinutes;
import io.decisionlog.events.GitCommit;
import io.decisionlog.events.Meeting;
import io.decisionlog.events.Person;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A chain as a person reads it: the line, the commit that wrote it, the CI runs that shipped it, each decision with
 * what was decided and where, then {@code complete} or what is missing. Plain text, one fact per line:
 * <pre>
 * config/payments.yaml:12  callback_retries: 5
 *   commit   3f2a9c1  Raise callback retries for the P0 alerts   (Li Wei, 2024-04-11)
 *   ci run   github #9001 Deploy D-2024-087 — completed/success   by li-wei
 *   decision D-2024-087  Gray-release the downgrade switch   [accepted, owner li.wei]  via trailer, ci_title
 *            decided: enable the downgrade switch for 5% of traffic …
 *            minutes: minutes/2024/2024-04-10-arch-sync.yaml (Weekly architecture sync, 2024-04-10)
 *   signoff  D-2024-087 by li.wei — current, SSH key SHA256:Y+sI…: "read the minutes and both runs"
 *   complete
 * </pre>
 */
public final class ChainRenderer {
    static final int DECIDED_MAX = 100;
    private static final String COMMIT = "  commit   ";
    private static final String RUN = "  ci run   ";
    private static final String SIGNED = "  signed   ";
    private static final String DECISION = "  decision ";
    private static final String SIGNOFF = "  signoff  ";
    private static final String MORE = "           ";

    private ChainRenderer() {
    }

    /** One line's chain ({@code GET /api/v1/trace}). */
    public static String trace(Views.Trace trace) {
        List<String> out = new ArrayList<>();
        String text = trace.text() == null ? "" : trace.text().strip();
        out.add(trace.path() + ":" + trace.line() + (text.isEmpty() ? "" : "  " + text));
        Views.Blame blame = trace.blame();
        String sha = blame == null ? null : blame.sha();
        if (blame == null || sha == null) {
            out.add(COMMIT + "(not blamed yet)");
        } else {
            out.add(COMMIT + shortSha(sha) + "  " + nullToEmpty(blame.subject()) + "   (" + who(blame.author(), blame.authoredAt()) + ")");
            if (blame.origPath() != null && !blame.origPath().equals(trace.path())) {
                out.add(MORE + "written as " + blame.origPath() + (blame.origLine() == null ? "" : ":" + blame.origLine()));
            }
        }
        body(out, sha, trace.ciRuns(), trace.decisions(), trace.signoffs(), trace.complete(), trace.missing());
        return String.join("\n", out) + "\n";
    }

    /** One commit's chain ({@code GET /api/v1/commits/{repo}/{sha}}). */
    public static String chain(Views.Chain chain) {
        List<String> out = new ArrayList<>();
        GitCommit commit = chain.commit();
        String sha = commit == null ? null : commit.sha();
        if (commit == null) {
            out.add("(unknown commit)");
        } else {
            out.add(commit.repo() + "@" + shortSha(sha) + "  " + nullToEmpty(commit.subject()) + "   ("
                    + who(commit.author(), commit.authoredAt()) + ")");
            signature(commit.signature()).ifPresent(out::add);
        }
        body(out, sha, chain.ciRuns(), chain.decisions(), chain.signoffs(), chain.complete(), chain.missing());
        return String.join("\n", out) + "\n";
    }

    /** Said only when the commit is signed: "unsigned" is the common case and not news. */
    static Optional<String> signature(CommitSignature signature) {
        if (signature == null || signature.status() == CommitSignature.Status.NONE) {
            return Optional.empty();
        }
        String status = signature.status().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        String who = signature.signer() == null ? "" : " by " + signature.signer();
        String key = signature.keyFingerprint() == null ? "" : " (" + signature.keyFingerprint() + ")";
        String why = signature.reason() == null ? "" : ": " + signature.reason();
        String of = signature.tag() == null ? " signature " : " signature of tag " + signature.tag() + " ";
        return Optional.of(SIGNED + signature.format() + of + (signature.status()
                == CommitSignature.Status.BAD ? "BAD" : status) + who + key + why);
    }

    private static void body(List<String> out, String sha, List<CiRun> runs, List<Views.Decision> decisions,
                             List<Views.Signoff> signoffs, boolean complete, List<String> missing) {
        for (CiRun run : runs) {
            out.add(RUN + run(run, sha));
        }
        for (Views.Decision decision : decisions) {
            decision(out, decision);
        }
        for (Views.Signoff signoff : signoffs) {
            out.add(SIGNOFF + signoff(signoff));
        }
        if (complete && missing.isEmpty()) {
            out.add("  complete");
        } else if (missing.isEmpty()) {
            out.add("  missing: (decision-graph did not say what)");
        } else {
            missing.forEach(m -> out.add("  missing: " + m));
        }
    }

    /** {@code D-2024-087 by li.wei — current, SSH key SHA256:…: "read the minutes"} */
    static String signoff(Views.Signoff signoff) {
        return signoff.decisionId() + " by " + signoff.steward() + " — " + signoff.state()
                + (signoff.signature() == null ? ", unsigned" : ", SSH key " + signoff.signature().keyFingerprint())
                + (signoff.comment() == null || signoff.comment().isBlank() ? "" : ": \"" + signoff.comment().strip() + "\"");
    }

    static String run(CiRun run, String commitSha) {
        StringBuilder line = new StringBuilder();
        line.append(nullToEmpty(run.provider())).append(" #").append(run.runId());
        if (run.attempt() > 1) {
            line.append(" (attempt ").append(run.attempt()).append(')');
        }
        String name = run.title() != null && !run.title().isBlank() ? run.title() : run.workflow();
        if (name != null && !name.isBlank()) {
            line.append(' ').append(name.strip());
        }
        line.append(" — ").append(nullToEmpty(run.status()));
        if (run.conclusion() != null && !run.conclusion().isBlank()) {
            line.append('/').append(run.conclusion());
        }
        if (run.actor() != null && !run.actor().isBlank()) {
            line.append("   by ").append(run.actor());
        }
        if (run.headSha() != null && commitSha != null && !run.headSha().equals(commitSha)) {
            line.append("   on merge ").append(shortSha(run.headSha()));
        }
        line.append("   decision ").append(run.decisionRef());
        if (run.reason() != null && !run.reason().isBlank()) {
            line.append("   reason: ").append(run.reason().strip());
        }
        if (CiRun.PULL.equals(run.origin())) {
            line.append("   (pulled)");
        }
        return line.toString();
    }

    private static void decision(List<String> out, Views.Decision decision) {
        DecisionMinutes minutes = decision.minutes();
        String via = decision.via().isEmpty() ? "" : "  via " + String.join(", ", decision.via());
        if (minutes == null) {
            out.add(DECISION + decision.decisionId() + "  (no minutes)" + via);
            return;
        }
        List<String> facts = new ArrayList<>();
        if (minutes.status() != null) {
            facts.add(minutes.status());
        }
        if (minutes.owner() != null) {
            facts.add("owner " + minutes.owner());
        }
        out.add(DECISION + decision.decisionId() + "  " + nullToEmpty(minutes.title())
                + (facts.isEmpty() ? "" : "   [" + String.join(", ", facts) + "]") + via);
        if (minutes.decision() != null && !minutes.decision().isBlank()) {
            out.add(MORE + "decided: " + abbreviate(minutes.decision().strip().replaceAll("\\s+", " "), DECIDED_MAX));
        }
        Meeting meeting = minutes.meeting();
        if (meeting != null && meeting.path() != null) {
            List<String> where = new ArrayList<>();
            if (meeting.title() != null) {
                where.add(meeting.title());
            }
            if (meeting.date() != null) {
                where.add(meeting.date().toString());
            } else if (minutes.date() != null) {
                where.add(minutes.date().toString());
            }
            out.add(MORE + "minutes: " + meeting.path() + (where.isEmpty() ? "" : " (" + String.join(", ", where) + ")"));
        }
    }

    static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max).stripTrailing() + " ...";
    }

    public static String shortSha(String sha) {
        return sha == null ? "" : sha.length() > 7 ? sha.substring(0, 7) : sha;
    }

    private static String who(Person person, Instant at) {
        String name = person == null || person.name() == null ? "unknown author" : person.name();
        return at == null ? name : name + ", " + at.atZone(ZoneOffset.UTC).toLocalDate();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
