package io.decisionlog.minutes.parse;

import io.decisionlog.events.DecisionIds;
import io.decisionlog.events.DecisionMinutes;
import io.decisionlog.events.Meeting;
import io.decisionlog.events.MinutesError;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Reads one composed document against the minutes format, collecting every error and warning with its position. */
final class MinutesReader {
    static final List<String> STATUSES = List.of("proposed", "accepted", "rejected", "superseded", "deprecated");
    private static final Set<Tag> PLAIN_TAGS =
            Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.TIMESTAMP, Tag.SEQ, Tag.MAP);
    private static final Set<String> MEETING_FIELDS = Set.of("meeting", "date", "attendees", "decisions");
    private static final Set<String> DECISION_FIELDS = Set.of("id", "decision_id", "title", "status", "date", "owner",
            "attendees", "topic", "context", "decision", "rationale", "supersedes", "commits", "links");
    /** A sha of 7 to 40 hex digits, optionally qualified by the repository ({@code owner/name@sha}). */
    private static final Pattern COMMIT = Pattern.compile("(?:[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)+@)?[0-9a-fA-F]{7,40}");
    private static final int MAX_ERRORS = 100;
    private static final Set<String> MADR_FIELDS = Set.of("deciders", "consulted", "informed", "tags");

    private final DecisionIds ids;
    private final String source;
    private final String path;
    private final List<MinutesError> errors = new ArrayList<>();
    private final List<MinutesError> warnings = new ArrayList<>();

    MinutesReader(DecisionIds ids, String source, String path) {
        this.ids = ids;
        this.source = source;
        this.path = path;
    }

    ParsedMinutes read(Node root) {
        checkTags(root, Collections.newSetFromMap(new IdentityHashMap<>()));
        if (!(root instanceof MappingNode top)) {
            error(root, "the file must be a mapping (meeting:, date:, decisions: …), not " + kind(root));
            return result(List.of());
        }
        Map<String, NodeTuple> fields = fields(top);
        Map<String, Node> values = new LinkedHashMap<>();
        fields.forEach((key, tuple) -> values.put(key, tuple.getValueNode()));
        boolean single = values.containsKey("decision_id") || values.containsKey("id");
        if (single && values.containsKey("decisions")) {
            error(fields.get("decisions").getKeyNode(),
                    "a file holds either a 'decisions:' list or one decision at the top level with 'decision_id:', not both");
        }
        String meetingTitle = text(values.get("meeting"));
        LocalDate meetingDate = date(values.get("date"));
        List<String> attendees = textList(values.get("attendees"));
        Meeting meeting = new Meeting(meetingTitle, meetingDate, source, path, null);
        List<ParsedDecision> decisions = new ArrayList<>();
        if (single) {
            warnUnknown(fields, MEETING_FIELDS, DECISION_FIELDS);
            // the meeting already read date and attendees; the decision inherits them rather than reading them twice
            Map<String, Node> own = new LinkedHashMap<>(values);
            own.remove("date");
            own.remove("attendees");
            decision(top, own, meeting, attendees).ifPresent(decisions::add);
        } else if (!values.containsKey("decisions")) {
            warnUnknown(fields, MEETING_FIELDS, Set.of());
            error(top, "no decisions: expected a 'decisions:' list, or one decision at the top level with 'decision_id:'");
        } else {
            warnUnknown(fields, MEETING_FIELDS, Set.of());
            Node list = values.get("decisions");
            if (list instanceof SequenceNode sequence) {
                for (Node item : sequence.getValue()) {
                    if (item instanceof MappingNode mapping) {
                        Map<String, NodeTuple> own = fields(mapping);
                        warnUnknown(own, DECISION_FIELDS, Set.of());
                        Map<String, Node> ownValues = new LinkedHashMap<>();
                        own.forEach((key, tuple) -> ownValues.put(key, tuple.getValueNode()));
                        decision(mapping, ownValues, meeting, attendees).ifPresent(decisions::add);
                    } else {
                        error(item, "each entry of 'decisions' must be a mapping with id, title, decision, not " + kind(item));
                    }
                }
            } else if (!isNull(list)) {
                error(list, "'decisions' must be a list of decisions, not " + kind(list));
            }
        }
        duplicates(decisions);
        return result(decisions);
    }

    /**
     * A Markdown ADR: the front matter holds the fields ({@code decision_id}, {@code status}, {@code date},
     * {@code deciders} as attendees, …); title, decision and context come from the body unless the front matter
     * sets them. MADR's {@code superseded by ADR-…} status reads as superseded.
     */
    ParsedMinutes readMadr(Node root, MadrDocument document) {
        checkTags(root, Collections.newSetFromMap(new IdentityHashMap<>()));
        if (!(root instanceof MappingNode top)) {
            error(root, "the front matter must be a mapping (decision_id:, status:, date:, deciders: …), not " + kind(root));
            return result(List.of());
        }
        Map<String, NodeTuple> fields = fields(top);
        warnUnknown(fields, DECISION_FIELDS, MADR_FIELDS);
        Map<String, Node> values = new LinkedHashMap<>();
        fields.forEach((key, tuple) -> values.put(key, tuple.getValueNode()));
        inject(values, "title", document.title());
        inject(values, "decision", document.decision());
        inject(values, "context", document.context());
        String status = values.get("status") instanceof ScalarNode scalar ? scalar.getValue() : null;
        if (status != null && status.trim().toLowerCase(Locale.ROOT).startsWith("superseded")) {
            Node at = values.get("status");
            values.put("status", new ScalarNode(Tag.STR, "superseded", at.getStartMark(), at.getEndMark(),
                    DumperOptions.ScalarStyle.PLAIN));
        }
        LocalDate date = date(values.remove("date"));
        List<String> deciders = values.containsKey("attendees") ? textList(values.remove("attendees"))
                : textList(values.get("deciders"));
        Meeting meeting = new Meeting(text(values.get("title")), date, source, path, null);
        List<ParsedDecision> decisions = new ArrayList<>();
        decision(top, values, meeting, deciders).ifPresent(decisions::add);
        return result(decisions);
    }

    private static void inject(Map<String, Node> values, String field, MadrDocument.Part part) {
        if (!values.containsKey(field) && part != null) {
            Mark mark = new Mark("markdown", 0, part.line() - 1, 0,
                    new int[0], 0);
            values.put(field, new ScalarNode(Tag.STR, part.text(), mark, mark,
                    DumperOptions.ScalarStyle.PLAIN));
        }
    }

    private Optional<ParsedDecision> decision(Node at, Map<String, Node> values, Meeting meeting,
                                                       List<String> meetingAttendees) {
        Node idNode = values.containsKey("decision_id") ? values.get("decision_id") : values.get("id");
        if (values.containsKey("decision_id") && values.containsKey("id")) {
            error(values.get("id"), "use either 'id' or 'decision_id', not both");
        }
        String id = text(idNode);
        if (id == null) {
            error(at, "the decision has no id: add 'id: D-2024-001' (ids match " + ids.pattern() + ")");
        } else if (!ids.isId(id)) {
            error(idNode, "'" + id + "' is not a decision id: ids match " + ids.pattern() + " (e.g. D-2024-087)");
        }
        String title = required(at, values, "title");
        String decision = required(at, values, "decision");
        String status = text(values.get("status"));
        if (status != null && !STATUSES.contains(status.trim())) {
            error(values.get("status"), "unknown status '" + status + "'; expected one of " + String.join(", ", STATUSES));
        }
        LocalDate date = values.containsKey("date") ? date(values.get("date")) : meeting.date();
        List<String> attendees = values.containsKey("attendees") ? textList(values.get("attendees")) : meetingAttendees;
        List<String> supersedes = ids(values.get("supersedes"), "supersedes");
        List<String> commits = commits(values.get("commits"));
        DecisionMinutes minutes = new DecisionMinutes(id == null ? null : id.trim(), title,
                status == null ? null : status.trim(), date, text(values.get("owner")), attendees,
                text(values.get("topic")), text(values.get("context")), decision, text(values.get("rationale")),
                supersedes, commits, textList(values.get("links")), meeting);
        if (id == null || !ids.isId(id)) {
            return Optional.empty();
        }
        Node idAt = idNode == null ? at : idNode;
        return Optional.of(new ParsedDecision(id.trim(), line(idAt), column(idAt), minutes));
    }

    private void duplicates(List<ParsedDecision> decisions) {
        Map<String, List<ParsedDecision>> byId = decisions.stream()
                .collect(Collectors.groupingBy(ParsedDecision::id, LinkedHashMap::new, Collectors.toList()));
        byId.forEach((id, same) -> {
            if (same.size() > 1) {
                String lines = same.stream().map(d -> String.valueOf(d.line())).collect(Collectors.joining(", "));
                for (ParsedDecision d : same) {
                    add(errors, new MinutesError("decision id " + id + " is defined " + same.size()
                            + " times in this file (lines " + lines + ")", d.line(), d.column()));
                }
            }
        });
    }

    private String required(Node at, Map<String, Node> values, String field) {
        String value = text(values.get(field));
        if (value == null || value.isBlank()) {
            error(values.containsKey(field) ? values.get(field) : at, "the decision has no " + field + ": '" + field
                    + ":' is required");
        }
        return value;
    }

    private List<String> ids(Node node, String field) {
        List<String> values = textList(node);
        for (int i = 0; i < values.size(); i++) {
            if (!ids.isId(values.get(i))) {
                error(element(node, i), "'" + values.get(i) + "' in " + field + " is not a decision id (ids match "
                        + ids.pattern() + ")");
            }
        }
        return values.stream().map(String::trim).toList();
    }

    private List<String> commits(Node node) {
        List<String> values = textList(node);
        for (int i = 0; i < values.size(); i++) {
            if (!COMMIT.matcher(values.get(i).trim()).matches()) {
                error(element(node, i), "'" + values.get(i) + "' in commits is not a commit: expected 7 to 40 hex digits"
                        + " (a9f3c1e), optionally as owner/name@sha");
            }
        }
        return values.stream().map(String::trim).toList();
    }

    private LocalDate date(Node node) {
        String value = text(node);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            error(node, "'" + value + "' is not an ISO date: expected YYYY-MM-DD, e.g. 2024-04-10");
            return null;
        }
    }

    private String text(Node node) {
        if (node == null || isNull(node)) {
            return null;
        }
        if (node instanceof ScalarNode scalar) {
            return scalar.getValue();
        }
        error(node, "expected text here, not " + kind(node));
        return null;
    }

    private List<String> textList(Node node) {
        if (node == null || isNull(node)) {
            return List.of();
        }
        if (node instanceof ScalarNode scalar) {
            return List.of(scalar.getValue());
        }
        if (node instanceof SequenceNode sequence) {
            List<String> values = new ArrayList<>();
            for (Node item : sequence.getValue()) {
                String value = text(item);
                if (value != null) {
                    values.add(value);
                }
            }
            return values;
        }
        error(node, "expected a list here, not " + kind(node));
        return List.of();
    }

    /** Field name to key/value, with duplicate and non-text keys reported (the composer keeps them all). */
    private Map<String, NodeTuple> fields(MappingNode mapping) {
        Map<String, NodeTuple> fields = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node key = tuple.getKeyNode();
            if (!(key instanceof ScalarNode scalar) || isNull(key)) {
                error(key, "a key must be a plain name, not " + kind(key));
                continue;
            }
            NodeTuple first = fields.putIfAbsent(scalar.getValue(), tuple);
            if (first != null) {
                error(key, "duplicate key '" + scalar.getValue() + "' (first at line " + line(first.getKeyNode()) + ")");
            }
        }
        return fields;
    }

    private void warnUnknown(Map<String, NodeTuple> fields, Set<String> known, Set<String> alsoKnown) {
        fields.forEach((name, tuple) -> {
            if (!known.contains(name) && !alsoKnown.contains(name)) {
                add(warnings, new MinutesError("unknown field '" + name + "' is ignored", line(tuple.getKeyNode()),
                        column(tuple.getKeyNode())));
            }
        });
    }

    /** Only YAML's plain types: any other tag (a class name, !!binary, !custom) is refused where it is written. */
    private void checkTags(Node node, Set<Node> seen) {
        if (!seen.add(node)) {
            return;
        }
        if (!PLAIN_TAGS.contains(node.getTag())) {
            error(node, "the tag " + node.getTag().getValue() + " is not allowed: minutes hold plain text, lists and mappings");
        }
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                checkTags(tuple.getKeyNode(), seen);
                checkTags(tuple.getValueNode(), seen);
            }
        } else if (node instanceof SequenceNode sequence) {
            sequence.getValue().forEach(item -> checkTags(item, seen));
        }
    }

    private ParsedMinutes result(List<ParsedDecision> decisions) {
        return new ParsedMinutes(decisions, errors, warnings);
    }

    private void error(Node node, String message) {
        add(errors, new MinutesError(message, line(node), column(node)));
    }

    private static void add(List<MinutesError> to, MinutesError error) {
        if (to.size() < MAX_ERRORS) {
            to.add(error);
        }
    }

    private static Node element(Node list, int index) {
        return list instanceof SequenceNode sequence ? sequence.getValue().get(index) : list;
    }

    private static boolean isNull(Node node) {
        return node.getTag().equals(Tag.NULL);
    }

    private static String kind(Node node) {
        return switch (node.getNodeId()) {
            case mapping -> "a mapping";
            case sequence -> "a list";
            case scalar -> "the text '" + ((ScalarNode) node).getValue() + "'";
            default -> "an alias";
        };
    }

    private static int line(Node node) {
        return node == null || node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    private static int column(Node node) {
        return node == null || node.getStartMark() == null ? 0 : node.getStartMark().getColumn() + 1;
    }
}
