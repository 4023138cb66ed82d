package io.decisionlog.events;

import java.util.List;

/**
 * Every commit that changed a line, newest first, as {@code git log -L LINE,LINE:PATH REV} lists them: what the
 * blame-ingester answers at {@code GET /api/v1/repos/{repo}/history} and decision-graph completes with each commit's
 * chain. {@code rev} is the full sha the history starts from; {@code complete} is false when a limit (time, number of
 * changes) stopped the walk before the line's first commit.
 */
@WireFormat
public record LineHistory(String repo, String path, int line, String rev, boolean complete, List<Change> changes) {

    public LineHistory {
        changes = Nulls.list(changes);
    }

    /**
     * One commit that changed the line: the path it had there and the lines followed after it (1-based, inclusive;
     * more than one where a hunk that replaced the line was wider), with their text (at most 50 lines).
     */
    @WireFormat
    public record Change(String sha, String path, int firstLine, int lastLine, List<String> text) {
        public Change {
            text = Nulls.list(text);
        }
    }
}
