package io.decisionlog.graph.web;

import io.decisionlog.events.ChainDecision;
import io.decisionlog.events.DecisionMinutes;

import java.util.Locale;

/** A decision as a small coloured label: its id, coloured by its status, its title as the tooltip. */
public record Chip(String id, String status, String title, String href) {

    static Chip of(ChainDecision decision) {
        DecisionMinutes minutes = decision.minutes();
        return new Chip(decision.decisionId(), statusClass(minutes == null ? null : minutes.status()),
                minutes == null ? "no minutes record this decision yet" : minutes.title(),
                Hrefs.decision(decision.decisionId()));
    }

    /** One of a few CSS classes, whatever words a team's minutes use for a status. */
    static String statusClass(String status) {
        String s = status == null ? "" : status.toLowerCase(Locale.ROOT);
        if (s.startsWith("accept") || s.equals("approved") || s.equals("decided")) {
            return "accepted";
        }
        if (s.startsWith("propos") || s.equals("draft") || s.equals("open")) {
            return "proposed";
        }
        if (s.startsWith("supersed") || s.startsWith("deprecat")) {
            return "superseded";
        }
        if (s.startsWith("reject") || s.equals("declined")) {
            return "rejected";
        }
        return "unknown";
    }
}
