package io.decisionlog.minutes.parse;

import io.decisionlog.events.MinutesError;

import java.util.Comparator;
import java.util.List;

/**
 * What one minutes file says: its decisions when it is valid, or every error found (then {@code decisions} still
 * lists the decisions that were readable, so duplicates across files can be found even in a rejected file).
 */
public record ParsedMinutes(List<ParsedDecision> decisions, List<MinutesError> errors, List<MinutesError> warnings) {
    static final Comparator<MinutesError> BY_POSITION =
            Comparator.comparingInt(MinutesError::line).thenComparingInt(MinutesError::column);

    public ParsedMinutes {
        decisions = List.copyOf(decisions);
        errors = errors.stream().sorted(BY_POSITION).toList();
        warnings = warnings.stream().sorted(BY_POSITION).toList();
    }

    static ParsedMinutes unreadable(List<MinutesError> errors) {
        return new ParsedMinutes(List.of(), errors, List.of());
    }

    public boolean valid() {
        return errors.isEmpty();
    }

    public List<String> ids() {
        return decisions.stream().map(ParsedDecision::id).toList();
    }
}
