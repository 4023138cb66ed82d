package io.decisionlog.minutes.parse;

import io.decisionlog.events.MinutesError;
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
import java.util.Map;
import java.util.Set;

/**
 * Reads values out of a composed YAML document — text, lists, dates, a mapping's fields — and collects every error
 * and warning with the line and column of the node it is about (at most {@value #MAX_ERRORS} of each).
 */
final class NodeReader {
    private static final Set<Tag> PLAIN_TAGS =
            Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.TIMESTAMP, Tag.SEQ, Tag.MAP);
    private static final int MAX_ERRORS = 100;

    private final List<MinutesError> errors = new ArrayList<>();
    private final List<MinutesError> warnings = new ArrayList<>();

    /** The decisions read, with every error and warning collected so far. */
    ParsedMinutes result(List<ParsedDecision> decisions) {
        return new ParsedMinutes(decisions, errors, warnings);
    }

    void error(Node node, String message) {
        add(errors, new MinutesError(message, line(node), column(node)));
    }

    /** An error that concerns several nodes: placed by the caller. */
    void error(MinutesError error) {
        add(errors, error);
    }

    LocalDate date(Node node) {
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

    String text(Node node) {
        if (node == null || isNull(node)) {
            return null;
        }
        if (node instanceof ScalarNode scalar) {
            return scalar.getValue();
        }
        error(node, "expected text here, not " + kind(node));
        return null;
    }

    List<String> textList(Node node) {
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
    Map<String, NodeTuple> fields(MappingNode mapping) {
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

    /** Field name to value node, in the order written. */
    static Map<String, Node> values(Map<String, NodeTuple> fields) {
        Map<String, Node> values = new LinkedHashMap<>();
        fields.forEach((key, tuple) -> values.put(key, tuple.getValueNode()));
        return values;
    }

    void warnUnknown(Map<String, NodeTuple> fields, Set<String> known, Set<String> alsoKnown) {
        fields.forEach((name, tuple) -> {
            if (!known.contains(name) && !alsoKnown.contains(name)) {
                add(warnings, new MinutesError("unknown field '" + name + "' is ignored", line(tuple.getKeyNode()),
                        column(tuple.getKeyNode())));
            }
        });
    }

    /** Only YAML's plain types: any other tag (a class name, !!binary, !custom) is refused where it is written. */
    void checkTags(Node root) {
        checkTags(root, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

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

    private static void add(List<MinutesError> to, MinutesError error) {
        if (to.size() < MAX_ERRORS) {
            to.add(error);
        }
    }

    /** The list's element at {@code index}; the node itself when it is not a list (a single value). */
    static Node element(Node list, int index) {
        return list instanceof SequenceNode sequence ? sequence.getValue().get(index) : list;
    }

    static boolean isNull(Node node) {
        return node.getTag().equals(Tag.NULL);
    }

    static String kind(Node node) {
        return switch (node.getNodeId()) {
            case mapping -> "a mapping";
            case sequence -> "a list";
            case scalar -> "the text '" + ((ScalarNode) node).getValue() + "'";
            default -> "an alias";
        };
    }

    static int line(Node node) {
        return node == null || node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    static int column(Node node) {
        return node == null || node.getStartMark() == null ? 0 : node.getStartMark().getColumn() + 1;
    }
}
