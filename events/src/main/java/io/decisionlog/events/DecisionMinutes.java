package io.decisionlog.events;

import java.time.LocalDate;
import java.util.List;

/** One decision as the minutes record it ({@link Topics#MINUTES}, keyed by decision id). */
@WireFormat
public record DecisionMinutes(
        String decisionId,
        String title,
        String status,
        LocalDate date,
        String owner,
        List<String> attendees,
        String topic,
        String context,
        String decision,
        String rationale,
        List<String> supersedes,
        List<String> commits,
        List<String> links,
        Meeting meeting) {

    public DecisionMinutes {
        attendees = Nulls.list(attendees);
        supersedes = Nulls.list(supersedes);
        commits = Nulls.list(commits);
        links = Nulls.list(links);
    }
}
