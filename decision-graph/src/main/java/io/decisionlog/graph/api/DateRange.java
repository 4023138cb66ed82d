package io.decisionlog.graph.api;

import io.decisionlog.events.errors.BadRequest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** A range of days, both included, in UTC: what {@code since} and {@code until} ask for in the API and the pages. */
public record DateRange(LocalDate since, LocalDate until) {
    public static final int DEFAULT_DAYS = 90;

    /** until defaults to today, since to {@value #DEFAULT_DAYS} days before it. */
    public static DateRange parse(String since, String until) {
        LocalDate to = blank(until) ? LocalDate.now(ZoneOffset.UTC) : date("until", until);
        LocalDate from = blank(since) ? to.minusDays(DEFAULT_DAYS) : date("since", since);
        if (from.isAfter(to)) {
            throw new BadRequest("since", "since " + from + " is after until " + to);
        }
        return new DateRange(from, to);
    }

    public Instant from() {
        return since.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The first instant after the range. */
    public Instant to() {
        return until.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static LocalDate date(String name, String value) {
        if (value.length() > 40) {
            throw new BadRequest(name, name + " must be a date like 2026-01-31");
        }
        try {
            LocalDate date = LocalDate.parse(value.trim());
            if (date.getYear() < 1 || date.getYear() > 9999) {
                throw new BadRequest(name, name + " must be a date between 0001-01-01 and 9999-12-31");
            }
            return date;
        } catch (DateTimeParseException e) {
            throw new BadRequest(name, name + " must be a date like 2026-01-31, not '" + value + "'");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
