package io.decisionlog.graph.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;

/** One page of a decision search; {@code nextCursor} fetches the next, null on the last page. */
@Schema(description = "A page of decisions")
public record DecisionPage(List<Summary> items, String nextCursor) {

    /** A decision in a list. */
    public record Summary(String decisionId, String title, String status, String owner, String topic, LocalDate date) {
    }
}
