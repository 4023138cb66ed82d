package io.decisionlog.graph.api;

import io.decisionlog.events.errors.BadRequest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DateRangeTest {

    @Test
    void shouldCoverBothDaysWholeInUtc() {
        DateRange range = DateRange.parse("2026-01-01", "2026-01-31");

        assertThat(range.from()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(range.to()).isEqualTo(Instant.parse("2026-02-01T00:00:00Z"));
    }

    @Test
    void shouldDefaultToTheLastNinetyDays() {
        DateRange range = DateRange.parse(null, " ");

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(range.until()).isIn(today, today.minusDays(1));
        assertThat(range.since()).isEqualTo(range.until().minusDays(DateRange.DEFAULT_DAYS));
    }

    @Test
    void shouldAcceptARangeOfDecadesBecauseTheAnswerIsPagedAnyway() {
        DateRange range = DateRange.parse("2000-01-01", "2026-12-31");

        assertThat(range.since()).isEqualTo(LocalDate.of(2000, 1, 1));
    }

    @Test
    void shouldRefuseARangeThatEndsBeforeItStarts() {
        assertThatThrownBy(() -> DateRange.parse("2026-02-01", "2026-01-01"))
                .isInstanceOf(BadRequest.class).hasMessageContaining("since 2026-02-01 is after until 2026-01-01");
    }

    @Test
    void shouldRefuseWhatIsNotADayOfTheCommonEra() {
        assertThatThrownBy(() -> DateRange.parse("yesterday", null))
                .isInstanceOf(BadRequest.class).hasMessageContaining("since must be a date like 2026-01-31, not 'yesterday'");
        assertThatThrownBy(() -> DateRange.parse(null, "+999999999-12-31"))
                .isInstanceOf(BadRequest.class).hasMessageContaining("between 0001-01-01 and 9999-12-31");
        assertThatThrownBy(() -> DateRange.parse("x".repeat(41), null))
                .isInstanceOf(BadRequest.class).hasMessageContaining("since must be a date");
    }
}
