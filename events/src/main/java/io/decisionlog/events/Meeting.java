package io.decisionlog.events;

import java.time.LocalDate;

/** Where a decision was made: the meeting and the minutes file that records it. */
@WireFormat
public record Meeting(String title, LocalDate date, String sourceRepo, String path, String commit) {
}
