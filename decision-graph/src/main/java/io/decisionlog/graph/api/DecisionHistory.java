package io.decisionlog.graph.api;

import io.decisionlog.events.DecisionMinutes;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** A decision's revisions: every version of its minutes decision-graph saw, oldest first. */
@Schema(description = "Each version of a decision's minutes, with the minutes commit that made it")
public record DecisionHistory(String decisionId, List<Revision> revisions) {

    /** One version: its number (from 1), status and title, the minutes commit and file, and the minutes as they were. */
    public record Revision(int revision, String status, String title, String minutesCommit, String minutesPath,
                           Instant recordedAt, DecisionMinutes minutes) {
    }
}
