package io.decisionlog.events;

import java.util.List;

/** A minutes file that failed to parse or validate, with every error found ({@link Topics#MINUTES_REJECTED}). */
@WireFormat
public record RejectedMinutes(String source, String path, String commit, List<MinutesError> errors) {

    public RejectedMinutes {
        errors = Nulls.list(errors);
    }

    public String key() {
        return Keys.rejectedMinutes(source, path);
    }
}
