package io.decisionlog.ciaudit.ingest;

import io.decisionlog.events.errors.BadRequest;
import io.decisionlog.events.Keys;

import java.util.Locale;
import java.util.regex.Pattern;

/** Checks of the fields every run needs, each failing with the provider's own field name in the message. */
final class Fields {
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");
    /** Long enough for any real title or reason; keeps a record far below Kafka's 1 MB. */
    static final int MAX_TEXT = 2_000;

    private Fields() {
    }

    static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new BadRequest(field, field + " is missing");
        }
        return value.trim();
    }

    static String sha(String field, String value) {
        String sha = required(field, value).toLowerCase(Locale.ROOT);
        if (!SHA.matcher(sha).matches()) {
            throw new BadRequest(field, field + " must be a full commit sha (40 or 64 hex digits), not '"
                    + cap(value, 80) + "'");
        }
        return sha;
    }

    static String repo(String field, String value) {
        String repo = required(field, value);
        if (!Keys.isRepo(repo)) {
            throw new BadRequest(field, field + " must name a repository as owner/name, not '" + cap(value, 200) + "'");
        }
        return repo;
    }

    static String cap(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max) + "…";
    }

    static String cap(String text) {
        return cap(text, MAX_TEXT);
    }
}
