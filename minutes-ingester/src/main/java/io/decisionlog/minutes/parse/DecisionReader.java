package io.decisionlog.minutes.parse;

import io.decisionlog.events.DecisionIds;
import io.decisionlog.events.DecisionMinutes;
import io.decisionlog.events.Meeting;
import io.decisionlog.events.MinutesError;
import org.yaml.snakeyaml.nodes.Node;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Reads one decision's fields, whatever file format holds them, and finds ids defined twice in a file. */
final class DecisionReader {
    static final List<String> STATUSES = List.of("proposed", "accepted", "rejected", "superseded", "deprecated");
    static final Set<String> FIELDS = Set.of("id", "decision_id", "title", "status", "date", "owner",
            "attendees", "topic", "context", "decision", "rationale", "supersedes", "commits", "links");
    /** A sha of 7 to 40 hex digits, optionally qualified by the repository ({@code owner/name@sha}). */
    private static final Pattern COMMIT = Pattern.compile("(?:[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)+@)?[0-9a-fA-F]{7,40}");

    private final DecisionIds ids;
    private final NodeReader nodes;

    DecisionReader(DecisionIds ids, NodeReader nodes) {
        this.ids = ids;
        this.nodes = nodes;
    }

    /**
     * @param at               where errors about missing fields go
     * @param meetingAttendees the attendees when the decision names none of its own
     * @return the decision when its id is valid (other errors are collected, not fatal here)
     */
    Optional<ParsedDecision> read(Node at, Map<String, Node> values, Meeting meeting, List<String> meetingAttendees) {
        Node idNode = values.containsKey("decision_id") ? values.get("decision_id") : values.get("id");
        if (values.containsKey("decision_id") && values.containsKey("id")) {
            nodes.error(values.get("id"), "use either 'id' or 'decision_id', not both");
        }
        String id = nodes.text(idNode);
        if (id == null) {
            nodes.error(at, "the decision has no id: add 'id: D-2024-001' (ids match " + ids.pattern() + ")");
        } else if (!ids.isId(id)) {
            nodes.error(idNode, "'" + id + "' is not a decision id: ids match " + ids.pattern() + " (e.g. D-2024-087)");
        }
        String title = required(at, values, "title");
        String decision = required(at, values, "decision");
        String status = nodes.text(values.get("status"));
        if (status != null && !STATUSES.contains(status.trim())) {
            nodes.error(values.get("status"), "unknown status '" + status + "'; expected one of "
                    + String.join(", ", STATUSES));
        }
        LocalDate date = values.containsKey("date") ? nodes.date(values.get("date")) : meeting.date();
        List<String> attendees = values.containsKey("attendees") ? nodes.textList(values.get("attendees"))
                : meetingAttendees;
        List<String> supersedes = ids(values.get("supersedes"), "supersedes");
        List<String> commits = commits(values.get("commits"));
        DecisionMinutes minutes = new DecisionMinutes(id == null ? null : id.trim(), title,
                status == null ? null : status.trim(), date, nodes.text(values.get("owner")), attendees,
                nodes.text(values.get("topic")), nodes.text(values.get("context")), decision,
                nodes.text(values.get("rationale")), supersedes, commits, nodes.textList(values.get("links")), meeting);
        if (id == null || !ids.isId(id)) {
            return Optional.empty();
        }
        Node idAt = idNode == null ? at : idNode;
        return Optional.of(new ParsedDecision(id.trim(), NodeReader.line(idAt), NodeReader.column(idAt), minutes));
    }

    /** An error at each decision whose id another decision of the file has too. */
    void reportDuplicates(List<ParsedDecision> decisions) {
        Map<String, List<ParsedDecision>> byId = decisions.stream()
                .collect(Collectors.groupingBy(ParsedDecision::id, LinkedHashMap::new, Collectors.toList()));
        byId.forEach((id, same) -> {
            if (same.size() > 1) {
                String lines = same.stream().map(d -> String.valueOf(d.line())).collect(Collectors.joining(", "));
                for (ParsedDecision d : same) {
                    nodes.error(new MinutesError("decision id " + id + " is defined " + same.size()
                            + " times in this file (lines " + lines + ")", d.line(), d.column()));
                }
            }
        });
    }

    private String required(Node at, Map<String, Node> values, String field) {
        String value = nodes.text(values.get(field));
        if (value == null || value.isBlank()) {
            nodes.error(values.containsKey(field) ? values.get(field) : at, "the decision has no " + field + ": '"
                    + field + ":' is required");
        }
        return value;
    }

    private List<String> ids(Node node, String field) {
        List<String> values = nodes.textList(node);
        for (int i = 0; i < values.size(); i++) {
            if (!ids.isId(values.get(i))) {
                nodes.error(NodeReader.element(node, i), "'" + values.get(i) + "' in " + field
                        + " is not a decision id (ids match " + ids.pattern() + ")");
            }
        }
        return values.stream().map(String::trim).toList();
    }

    private List<String> commits(Node node) {
        List<String> values = nodes.textList(node);
        for (int i = 0; i < values.size(); i++) {
            if (!COMMIT.matcher(values.get(i).trim()).matches()) {
                nodes.error(NodeReader.element(node, i), "'" + values.get(i) + "' in commits is not a commit: expected"
                        + " 7 to 40 hex digits (a9f3c1e), optionally as owner/name@sha");
            }
        }
        return values.stream().map(String::trim).toList();
    }
}
