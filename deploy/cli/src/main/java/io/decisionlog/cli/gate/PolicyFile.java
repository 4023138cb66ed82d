package io.decisionlog.cli.gate;

import io.decisionlog.cli.CliException;
import io.decisionlog.events.errors.BadRequest;
import io.decisionlog.events.paths.GlobSet;
import io.decisionlog.events.yaml.SafeYaml;
import io.decisionlog.events.yaml.YamlRejected;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a {@code .decisionlog.yaml}. Anything wrong is an error at its line and column (exit 2), never "nothing is
 * governed": a typo in a policy must not open the gate.
 */
public final class PolicyFile {
    static final int MAX_BYTES = 64 * 1024;
    private static final Set<String> FIELDS = Set.of("governed", "require", "statuses", "signoff");

    private final String name;

    private PolicyFile(String name) {
        this.name = name;
    }

    /** @param name how the file is named in messages, e.g. {@code .decisionlog.yaml at 3f2a1b0} */
    public static GatePolicy read(byte[] bytes, String name) {
        return new PolicyFile(name).read(bytes);
    }

    private GatePolicy read(byte[] bytes) {
        Optional<Node> root;
        try {
            root = new SafeYaml(MAX_BYTES).compose(bytes);
        } catch (YamlRejected e) {
            throw invalid(e.line(), e.column(), e.getMessage());
        }
        if (root.isEmpty() || !(root.get() instanceof MappingNode mapping)) {
            throw invalid(root.orElse(null), "expected a mapping with 'governed:' (a list of path globs)");
        }
        Map<String, NodeTuple> fields = fields(mapping);
        if (!fields.containsKey("governed")) {
            throw invalid(mapping, "'governed:' is missing: list the path globs whose changes need a decision");
        }
        Node governedNode = fields.get("governed").getValueNode();
        List<String> governed = texts(governedNode);
        if (governed.isEmpty()) {
            throw invalid(governedNode, "'governed:' is empty: list at least one path glob, e.g. [\"deploy/**\"]");
        }
        GlobSet globs = globs(governed, governedNode);
        GatePolicy.Require require = require(fields.get("require"));
        List<String> statuses = statuses(fields.get("statuses"));
        signoff(fields.get("signoff"));
        return new GatePolicy(List.copyOf(governed), globs, require, statuses, name);
    }

    private Map<String, NodeTuple> fields(MappingNode mapping) {
        Map<String, NodeTuple> fields = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node key = tuple.getKeyNode();
            String field = key instanceof ScalarNode scalar ? scalar.getValue() : null;
            if (field == null || !FIELDS.contains(field)) {
                throw invalid(key, "unknown field " + (field == null ? "" : "'" + field + "' ")
                        + "(known: governed, require, statuses, signoff)");
            }
            fields.put(field, tuple);
        }
        return fields;
    }

    private GlobSet globs(List<String> governed, Node node) {
        try {
            return GlobSet.of(governed);
        } catch (BadRequest e) {
            throw invalid(node, e.getMessage());
        }
    }

    private GatePolicy.Require require(NodeTuple field) {
        if (field == null) {
            return GatePolicy.Require.COMMIT;
        }
        String value = text(field.getValueNode());
        return switch (value) {
            case "commit" -> GatePolicy.Require.COMMIT;
            case "pull_request" -> GatePolicy.Require.PULL_REQUEST;
            default -> throw invalid(field.getValueNode(), "require must be commit or pull_request, not '" + value + "'");
        };
    }

    private List<String> statuses(NodeTuple field) {
        if (field == null) {
            return List.of("accepted");
        }
        List<String> statuses = texts(field.getValueNode());
        if (statuses.isEmpty() || statuses.size() > 10) {
            throw invalid(field.getValueNode(), "statuses lists 1 to 10 decision statuses, e.g. [accepted]");
        }
        for (String status : statuses) {
            if (!status.matches("[A-Za-z_-]{1,32}")) {
                throw invalid(field.getValueNode(), "'" + status + "' is not a decision status");
            }
        }
        return statuses.stream().map(status -> status.toLowerCase(Locale.ROOT)).distinct().toList();
    }

    /** Sign-offs are not recorded yet: a policy asking for them must not pass changes without one. */
    private void signoff(NodeTuple field) {
        if (field == null) {
            return;
        }
        String value = text(field.getValueNode());
        if (value.equals("true")) {
            throw invalid(field.getValueNode(), "signoff: true cannot be checked: this version of decision-log does "
                    + "not record steward sign-offs yet; remove it or set it to false");
        }
        if (!value.equals("false")) {
            throw invalid(field.getValueNode(), "signoff must be true or false, not '" + value + "'");
        }
    }

    private String text(Node node) {
        if (node instanceof ScalarNode scalar) {
            return scalar.getValue().trim();
        }
        throw invalid(node, "expected a single value here");
    }

    private List<String> texts(Node node) {
        if (node instanceof ScalarNode scalar) {
            return scalar.getValue().isBlank() ? List.of() : List.of(scalar.getValue().trim());
        }
        if (!(node instanceof SequenceNode sequence)) {
            throw invalid(node, "expected a list here");
        }
        List<String> texts = new ArrayList<>();
        for (Node item : sequence.getValue()) {
            texts.add(text(item));
        }
        return texts;
    }

    private CliException invalid(Node node, String message) {
        return node == null || node.getStartMark() == null ? invalid(1, 1, message)
                : invalid(node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1, message);
    }

    private CliException invalid(int line, int column, String message) {
        return CliException.refused(name + ":" + Math.max(line, 1) + ":" + Math.max(column, 1) + ": " + message);
    }
}
