package io.decisionlog.graph.api;

import io.decisionlog.events.CiRun;
import io.decisionlog.events.DecisionMinutes;
import io.decisionlog.events.Via;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** A decision: its minutes, the commits it is on (with their CI runs), and the lines those commits still own. */
@Schema(description = "A decision with its commits, CI runs and the lines it still owns at the tips")
public record DecisionView(
        String decisionId,
        @Schema(description = "null when no minutes record the decision (yet)") DecisionMinutes minutes,
        List<Commit> commits,
        @Schema(description = "Lines at the branch tips last written by the decision's commits") int linesOwned,
        List<OwnedFile> files) {

    /** A commit the decision is on, how it got there, and the runs that shipped it. */
    public record Commit(String repo, String sha, String subject, Instant committedAt, List<Via> via, List<CiRun> ciRuns,
                         boolean complete) {
    }

    /** A file with lines the decision's commits still own. */
    public record OwnedFile(String repo, String path, int lines) {
    }
}
