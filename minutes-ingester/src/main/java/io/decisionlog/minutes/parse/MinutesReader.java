package io.decisionlog.minutes.parse;

import io.decisionlog.events.DecisionIds;
import io.decisionlog.events.Meeting;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one composed YAML minutes file — a meeting with a {@code decisions:} list, or one decision at the top
 * level — collecting every error and warning with its position.
 */
final class MinutesReader {
    private static final Set<String> MEETING_FIELDS = Set.of("meeting", "date", "attendees", "decisions");

    private final String source;
    private final String path;
    private final NodeReader nodes = new NodeReader();
    private final DecisionReader decisionReader;

    MinutesReader(DecisionIds ids, String source, String path) {
        this.source = source;
        this.path = path;
        this.decisionReader = new DecisionReader(ids, nodes);
    }

    ParsedMinutes read(Node root) {
        nodes.checkTags(root);
        if (!(root instanceof MappingNode top)) {
            nodes.error(root, "the file must be a mapping (meeting:, date:, decisions: …), not " + NodeReader.kind(root));
            return nodes.result(List.of());
        }
        Map<String, NodeTuple> fields = nodes.fields(top);
        Map<String, Node> values = NodeReader.values(fields);
        boolean single = values.containsKey("decision_id") || values.containsKey("id");
        if (single && values.containsKey("decisions")) {
            nodes.error(fields.get("decisions").getKeyNode(),
                    "a file holds either a 'decisions:' list or one decision at the top level with 'decision_id:', not both");
        }
        String meetingTitle = nodes.text(values.get("meeting"));
        LocalDate meetingDate = nodes.date(values.get("date"));
        List<String> attendees = nodes.textList(values.get("attendees"));
        Meeting meeting = new Meeting(meetingTitle, meetingDate, source, path, null);
        List<ParsedDecision> decisions = new ArrayList<>();
        if (single) {
            nodes.warnUnknown(fields, MEETING_FIELDS, DecisionReader.FIELDS);
            // the meeting already read date and attendees; the decision inherits them rather than reading them twice
            Map<String, Node> own = new LinkedHashMap<>(values);
            own.remove("date");
            own.remove("attendees");
            decisionReader.read(top, own, meeting, attendees).ifPresent(decisions::add);
        } else if (!values.containsKey("decisions")) {
            nodes.warnUnknown(fields, MEETING_FIELDS, Set.of());
            nodes.error(top, "no decisions: expected a 'decisions:' list, or one decision at the top level with 'decision_id:'");
        } else {
            nodes.warnUnknown(fields, MEETING_FIELDS, Set.of());
            readList(values.get("decisions"), meeting, attendees, decisions);
        }
        decisionReader.reportDuplicates(decisions);
        return nodes.result(decisions);
    }

    private void readList(Node list, Meeting meeting, List<String> attendees, List<ParsedDecision> decisions) {
        if (list instanceof SequenceNode sequence) {
            for (Node item : sequence.getValue()) {
                if (item instanceof MappingNode mapping) {
                    Map<String, NodeTuple> own = nodes.fields(mapping);
                    nodes.warnUnknown(own, DecisionReader.FIELDS, Set.of());
                    decisionReader.read(mapping, NodeReader.values(own), meeting, attendees).ifPresent(decisions::add);
                } else {
                    nodes.error(item, "each entry of 'decisions' must be a mapping with id, title, decision, not "
                            + NodeReader.kind(item));
                }
            }
        } else if (!NodeReader.isNull(list)) {
            nodes.error(list, "'decisions' must be a list of decisions, not " + NodeReader.kind(list));
        }
    }
}
