package io.decisionlog.graph.api;

import io.decisionlog.events.ChainDecision;
import io.decisionlog.events.CiRun;
import io.decisionlog.events.DecisionMinutes;
import io.decisionlog.events.Via;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A trace as a Mermaid {@code flowchart}: line → commit → runs → decisions → minutes. Every label is quoted and
 * every character outside a small safe set becomes a Mermaid entity ({@code #35;}), so a commit subject such as
 * {@code "]) --> x[click} stays text and cannot change the diagram.
 */
public final class MermaidChart {
    private static final int MAX_LABEL = 80;

    private MermaidChart() {
    }

    static String of(TraceView trace) {
        List<String> out = new ArrayList<>();
        out.add("flowchart LR");
        out.add("  line[" + label(trace.path() + ":" + trace.line(), trace.text()) + "]");
        TraceView.Blame blame = trace.blame();
        out.add("  commit[" + label("commit " + shortSha(blame.sha()), blame.subject(),
                blame.author() == null ? null : blame.author().name()) + "]");
        out.add("  line --> commit");
        for (int i = 0; i < trace.ciRuns().size(); i++) {
            CiRun run = trace.ciRuns().get(i);
            out.add("  run" + i + "[" + label(run.provider() + " run " + run.runId(), run.title(),
                    Objects.toString(run.conclusion(), run.status())) + "]");
            out.add("  commit --> run" + i);
        }
        for (int i = 0; i < trace.decisions().size(); i++) {
            ChainDecision decision = trace.decisions().get(i);
            DecisionMinutes minutes = decision.minutes();
            out.add("  decision" + i + "[" + label(decision.decisionId(), minutes == null ? "no minutes yet" : minutes.title(),
                    minutes == null ? null : minutes.status()) + "]");
            String vias = decision.via().stream().map(Via::wireName).collect(Collectors.joining(", "));
            out.add("  commit -- \"" + vias + "\" --> decision" + i);
            if (minutes != null && minutes.meeting() != null) {
                out.add("  minutes" + i + "[" + label(minutes.meeting().path(), minutes.meeting().title(),
                        Objects.toString(minutes.meeting().date(), null)) + "]");
                out.add("  decision" + i + " --> minutes" + i);
            }
        }
        for (int i = 0; i < trace.signoffs().size(); i++) {
            SignoffsView.Entry signoff = trace.signoffs().get(i);
            out.add("  signoff" + i + "[" + label("signed off by " + signoff.steward(), signoff.state(),
                    signoff.signature() == null ? null : "SSH key " + signoff.signature().keyFingerprint()) + "]");
            int decision = decisionIndex(trace, signoff.decisionId());
            out.add("  " + (decision < 0 ? "commit" : "decision" + decision) + " --> signoff" + i);
        }
        if (!trace.missing().isEmpty()) {
            out.add("  missing[" + label("missing", trace.missing().toArray(String[]::new)) + "]");
            out.add("  commit -.- missing");
        }
        return String.join("\n", out) + "\n";
    }

    private static int decisionIndex(TraceView trace, String decisionId) {
        for (int i = 0; i < trace.decisions().size(); i++) {
            if (trace.decisions().get(i).decisionId().equals(decisionId)) {
                return i;
            }
        }
        return -1;
    }

    /** A quoted node label: the lines that are present, each escaped and cut to a readable length. */
    public static String label(String first, String... more) {
        List<String> lines = new ArrayList<>();
        lines.add(escape(first));
        for (String line : more) {
            if (line != null && !line.isBlank()) {
                lines.add(escape(line));
            }
        }
        return "\"" + String.join("<br/>", lines) + "\"";
    }

    static String escape(String text) {
        String cut = text == null ? "" : text.strip();
        if (cut.length() > MAX_LABEL) {
            cut = cut.substring(0, MAX_LABEL - 1) + "…";
        }
        StringBuilder escaped = new StringBuilder();
        cut.codePoints().forEach(c -> {
            if (Character.isLetterOrDigit(c) || " .,:/_-+=@'".indexOf(c) >= 0) {
                escaped.appendCodePoint(c);
            } else {
                escaped.append('#').append(c).append(';');
            }
        });
        return escaped.toString();
    }

    private static String shortSha(String sha) {
        return sha == null || sha.length() < 7 ? String.valueOf(sha) : sha.substring(0, 7);
    }
}
