package io.decisionlog.graph.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times as a person reads them beside code: "3 days ago", with the exact UTC time for a tooltip. */
final class Ages {
    private static final DateTimeFormatter EXACT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Ages() {
    }

    static String ago(Instant then, Instant now) {
        if (then == null) {
            return "";
        }
        Duration age = Duration.between(then, now);
        if (age.isNegative() || age.toMinutes() < 1) {
            return "just now";
        }
        if (age.toHours() < 1) {
            return plural(age.toMinutes(), "minute");
        }
        if (age.toDays() < 1) {
            return plural(age.toHours(), "hour");
        }
        if (age.toDays() < 45) {
            return plural(age.toDays(), "day");
        }
        if (age.toDays() < 550) {
            return plural(Math.round(age.toDays() / 30.44), "month");
        }
        return plural(Math.round(age.toDays() / 365.25), "year");
    }

    static String exact(Instant then) {
        return then == null ? "" : EXACT.format(then);
    }

    private static String plural(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s") + " ago";
    }
}
