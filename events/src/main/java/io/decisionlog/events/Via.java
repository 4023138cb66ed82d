package io.decisionlog.events;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** How a decision reached a commit; see DESIGN.md, "Identity and join keys". */
public enum Via {
    TRAILER, CI_INPUT, CI_TITLE, CI_DISPATCH, MINUTES, MERGE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
