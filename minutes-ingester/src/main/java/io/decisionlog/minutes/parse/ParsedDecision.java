package io.decisionlog.minutes.parse;

import io.decisionlog.events.DecisionMinutes;

/** One valid decision of a file, with where its id is written (for errors that involve other files). */
public record ParsedDecision(String id, int line, int column, DecisionMinutes minutes) {
}
