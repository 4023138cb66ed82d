package io.decisionlog.minutes.parse;

import io.decisionlog.events.MinutesError;

import java.util.List;

/** A file that cannot even be read as YAML: the parse stops at the first such problem. */
final class MinutesRejected extends RuntimeException {
    private final transient List<MinutesError> errors;

    MinutesRejected(MinutesError error) {
        super(error.message(), null, false, false);
        this.errors = List.of(error);
    }

    List<MinutesError> errors() {
        return errors;
    }
}
