package io.decisionlog.graph.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.decisionlog.events.DecisionChain;
import io.decisionlog.events.Person;
import io.decisionlog.graph.store.BlameFileRow;
import io.decisionlog.graph.store.BlameRangeRow;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** A whole file's blame at the tip, each range with its commit and the decisions behind it. */
@Schema(description = "A file's blame, range by range, annotated with decisions")
public record FileView(String repo, String path, String rev, int lines, List<Range> ranges) {

    /** Lines {@code start}..{@code start+count-1}, written by {@code sha}. */
    public record Range(int start, int count, String sha, String origPath, int origStart, String subject,
                        Person author, Instant authoredAt, List<String> decisions, boolean complete,
                        @Schema(description = "The lines' text; null for files published without text") List<String> text,
                        @Schema(description = "true: sha is a revision blame ignores (.git-blame-ignore-revs) and these "
                                + "lines, which it added, match no line of its parent")
                        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean ignoredRev) {
    }

    static FileView of(BlameFileRow file, List<BlameRangeRow> ranges, Map<String, DecisionChain> chains) {
        List<Range> annotated = ranges.stream().map(range -> {
            DecisionChain chain = chains.get(range.sha);
            var commit = chain == null ? null : chain.commit();
            List<String> decisions = chain == null ? List.of()
                    : chain.decisions().stream().map(decision -> decision.decisionId()).toList();
            return new Range(range.startLine, range.lineCount, range.sha, range.origPath, range.origStart,
                    commit == null ? null : commit.subject(), commit == null ? null : commit.author(),
                    commit == null ? null : commit.authoredAt(), decisions, chain != null && chain.complete(),
                    range.lines == null ? null : Arrays.asList(range.lines), range.ignoredRev);
        }).toList();
        return new FileView(file.repo, file.path, file.rev, file.lineCount, annotated);
    }
}
