package io.decisionlog.minutes.parse;

import io.decisionlog.events.DecisionIds;
import io.decisionlog.events.MinutesError;
import io.decisionlog.events.yaml.SafeYaml;
import io.decisionlog.events.yaml.Utf8;
import io.decisionlog.events.yaml.YamlRejected;
import org.yaml.snakeyaml.nodes.Node;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** Bytes of a minutes file in, its decisions or all its errors out; never throws for bad input. */
public final class MinutesParser {
    private final SafeYaml yaml;
    private final DecisionIds ids;

    public MinutesParser(SafeYaml yaml, DecisionIds ids) {
        this.yaml = yaml;
        this.ids = ids;
    }

    public static MinutesParser defaults() {
        return new MinutesParser(new SafeYaml(SafeYaml.DEFAULT_MAX_BYTES), DecisionIds.defaults());
    }

    /**
     * @param source the source id for {@code meeting.source_repo} (null when validating a file on its own)
     * @param path   the file's path in the source, for {@code meeting.path}
     */
    public ParsedMinutes parse(byte[] bytes, String source, String path) {
        if (path != null && path.endsWith(".md")) {
            return parseMadr(bytes, source, path);
        }
        if (bytes.length > yaml.maxBytes()) {
            return ParsedMinutes.unreadable(List.of(tooLarge(bytes.length)));
        }
        try {
            Optional<Node> root = yaml.compose(bytes);
            if (root.isEmpty()) {
                return ParsedMinutes.unreadable(List.of(new MinutesError(
                        "the file is empty: expected a meeting with a 'decisions:' list, or one decision with 'decision_id:'",
                        1, 1)));
            }
            return new MinutesReader(ids, source, path).read(root.get());
        } catch (YamlRejected e) {
            return unreadable(e);
        }
    }

    /** A Markdown ADR with YAML front matter (MADR): the same limits, the same validation, one decision. */
    private ParsedMinutes parseMadr(byte[] bytes, String source, String path) {
        try {
            if (bytes.length > yaml.maxBytes()) {
                return ParsedMinutes.unreadable(List.of(tooLarge(bytes.length)));
            }
            MadrDocument document = MadrDocument.split(Utf8.decode(bytes));
            Optional<Node> root = yaml.compose(document.frontMatter().getBytes(StandardCharsets.UTF_8));
            if (root.isEmpty()) {
                return ParsedMinutes.unreadable(List.of(new MinutesError(
                        "the front matter is empty: it needs at least decision_id", 1, 1)));
            }
            return new MadrReader(ids, source, path).read(root.get(), document);
        } catch (MinutesRejected e) {
            return ParsedMinutes.unreadable(e.errors());
        } catch (YamlRejected e) {
            return unreadable(e);
        }
    }

    private static ParsedMinutes unreadable(YamlRejected e) {
        return ParsedMinutes.unreadable(List.of(new MinutesError(e.getMessage(), e.line(), e.column())));
    }

    /** The byte limit, so that callers holding a larger blob can refuse it without reading it. */
    public MinutesError tooLarge(long size) {
        return new MinutesError("the file is " + size + " bytes; minutes files may be at most " + yaml.maxBytes()
                + " bytes (split the meeting into several files)", 0, 0);
    }

    public int maxBytes() {
        return yaml.maxBytes();
    }
}
