package io.decisionlog.graph.api;

import io.decisionlog.events.DecisionChain;
import io.decisionlog.events.LineHistory;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/** A line's history with the chain of every commit along it: what the commit was for, who shipped it, the minutes. */
@Schema(description = "Every commit that changed a line, newest first (as git log -L lists them), each with its chain")
public record LineHistoryView(
        String repo,
        String path,
        int line,
        @Schema(description = "The commit the history starts from (the asked revision, or the tip)") String rev,
        @Schema(description = "False when a limit (time, 500 changes) stopped the walk before the line's first commit")
        boolean complete,
        List<Change> changes) {

    @Schema(description = "A commit that changed the line; chain is null for a commit decision-graph has not seen")
    public record Change(String sha, String path, int firstLine, int lastLine,
                         @Schema(description = "The lines followed, as this commit left them (at most 50)") List<String> text,
                         DecisionChain chain) {
    }

    static LineHistoryView of(LineHistory history, Map<String, DecisionChain> chains) {
        return new LineHistoryView(history.repo(), history.path(), history.line(), history.rev(), history.complete(),
                history.changes().stream().map(change -> new Change(change.sha(), change.path(), change.firstLine(),
                        change.lastLine(), change.text(), chains.get(change.sha()))).toList());
    }
}
