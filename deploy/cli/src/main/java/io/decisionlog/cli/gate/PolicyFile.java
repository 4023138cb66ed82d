package io.decisionlog.cli.gate;

import io.decisionlog.cli.CliException;
import io.decisionlog.events.GateRules;
import io.decisionlog.events.errors.BadRequest;
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
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a {@code .decisionlog.yaml} into {@link GateRules}, checked as a registration's are. Anything wrong is an error
 * at its line and column (exit 2), never "nothing is governed": a typo in a policy must not open the gate.
 */
public final class PolicyFile {
    static final int MAX_BYTES = 64 * 1024;
    private static final Set<String> FIELDS = Set.of("governed", "require", "statuses", "signoff");

    private final String name;
    private final Map<String, Node> fields = new LinkedHashMap<>();

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
        readFields(mapping);
        if (!fields.containsKey("governed")) {
            throw invalid(mapping, "'governed:' is missing: list the path globs whose changes need a decision");
        }
        GateRules rules = new GateRules(texts("governed"), require(), texts("statuses"), signoff());
        try {
            return GatePolicy.of(rules.validated(""), name);
        } catch (BadRequest e) {
            throw invalid(fields.get(e.field()), e.getMessage());
        }
    }

    private void readFields(MappingNode mapping) {
        for (NodeTuple tuple : mapping.getValue()) {
            Node key = tuple.getKeyNode();
            String field = key instanceof ScalarNode scalar ? scalar.getValue() : null;
            if (field == null || !FIELDS.contains(field)) {
                throw invalid(key, "unknown field " + (field == null ? "" : "'" + field + "' ")
                        + "(known: governed, require, statuses, signoff)");
            }
            fields.put(field, tuple.getValueNode());
        }
    }

    private GateRules.Require require() {
        Node node = fields.get("require");
        if (node == null) {
            return null;
        }
        try {
            return GateRules.Require.of(text(node), "require");
        } catch (BadRequest e) {
            throw invalid(node, e.getMessage());
        }
    }

    private Boolean signoff() {
        Node node = fields.get("signoff");
        if (node == null) {
            return null;
        }
        String value = text(node);
        if (!value.equals("true") && !value.equals("false")) {
            throw invalid(node, "signoff must be true or false, not '" + value + "'");
        }
        return Boolean.valueOf(value);
    }

    private String text(Node node) {
        if (node instanceof ScalarNode scalar) {
            return scalar.getValue().trim();
        }
        throw invalid(node, "expected a single value here");
    }

    private List<String> texts(String field) {
        Node node = fields.get(field);
        if (node == null) {
            return List.of();
        }
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
