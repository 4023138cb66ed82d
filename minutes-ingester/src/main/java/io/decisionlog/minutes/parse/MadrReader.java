package io.decisionlog.minutes.parse;

import io.decisionlog.events.DecisionIds;
import io.decisionlog.events.Meeting;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a Markdown ADR (MADR) as one decision: the front matter holds the fields ({@code decision_id},
 * {@code status}, {@code date}, {@code deciders} as attendees, …); title, decision and context come from the body
 * unless the front matter sets them. MADR's {@code superseded by ADR-…} status reads as superseded.
 */
final class MadrReader {
    private static final Set<String> MADR_FIELDS = Set.of("deciders", "consulted", "informed", "tags");

    private final String source;
    private final String path;
    private final NodeReader nodes = new NodeReader();
    private final DecisionReader decisionReader;

    MadrReader(DecisionIds ids, String source, String path) {
        this.source = source;
        this.path = path;
        this.decisionReader = new DecisionReader(ids, nodes);
    }

    /** @param frontMatter the composed front matter of {@code document} */
    ParsedMinutes read(Node frontMatter, MadrDocument document) {
        nodes.checkTags(frontMatter);
        if (!(frontMatter instanceof MappingNode top)) {
            nodes.error(frontMatter, "the front matter must be a mapping (decision_id:, status:, date:, deciders: …), not "
                    + NodeReader.kind(frontMatter));
            return nodes.result(List.of());
        }
        Map<String, NodeTuple> fields = nodes.fields(top);
        nodes.warnUnknown(fields, DecisionReader.FIELDS, MADR_FIELDS);
        Map<String, Node> values = NodeReader.values(fields);
        inject(values, "title", document.title());
        inject(values, "decision", document.decision());
        inject(values, "context", document.context());
        normalizeSuperseded(values);
        LocalDate date = nodes.date(values.remove("date"));
        List<String> deciders = values.containsKey("attendees") ? nodes.textList(values.remove("attendees"))
                : nodes.textList(values.get("deciders"));
        Meeting meeting = new Meeting(nodes.text(values.get("title")), date, source, path, null);
        List<ParsedDecision> decisions = new ArrayList<>();
        decisionReader.read(top, values, meeting, deciders).ifPresent(decisions::add);
        return nodes.result(decisions);
    }

    /** A part of the body stands in for a field the front matter leaves out, at the line it starts on. */
    private static void inject(Map<String, Node> values, String field, MadrDocument.Part part) {
        if (!values.containsKey(field) && part != null) {
            Mark mark = new Mark("markdown", 0, part.line() - 1, 0, new int[0], 0);
            values.put(field, new ScalarNode(Tag.STR, part.text(), mark, mark, DumperOptions.ScalarStyle.PLAIN));
        }
    }

    /** MADR writes {@code superseded by ADR-0005}; the minutes format knows that status as {@code superseded}. */
    private static void normalizeSuperseded(Map<String, Node> values) {
        String status = values.get("status") instanceof ScalarNode scalar ? scalar.getValue() : null;
        if (status != null && status.trim().toLowerCase(Locale.ROOT).startsWith("superseded")) {
            Node at = values.get("status");
            values.put("status", new ScalarNode(Tag.STR, "superseded", at.getStartMark(), at.getEndMark(),
                    DumperOptions.ScalarStyle.PLAIN));
        }
    }
}
