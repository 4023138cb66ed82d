package io.decisionlog.ciaudit.ingest;

import io.decisionlog.events.errors.BadRequest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Timestamps as CI systems write them: ISO-8601 with an offset, or GitLab's {@code 2016-08-12 15:23:28 UTC}. */
final class Times {
    private static final DateTimeFormatter GITLAB = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");

    private Times() {
    }

    /** Null stays null; anything unreadable is a {@link BadRequest} naming the field. */
    static Instant parse(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.trim();
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notIso) {
            try {
                return LocalDateTime.parse(text, GITLAB).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notGitLab) {
                throw new BadRequest(field, field + " is not a timestamp: '" + Fields.cap(text, 80) + "'");
            }
        }
    }
}
