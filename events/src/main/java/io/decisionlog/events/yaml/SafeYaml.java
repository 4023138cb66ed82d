package io.decisionlog.events.yaml;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

import java.io.StringReader;
import java.util.Optional;

/**
 * YAML to a node tree, safe by construction: the document is only composed (never constructed into objects, so
 * no tag can name a class), with SnakeYAML's limits set for small hand-written files (minutes, a repository's
 * {@code .decisionlog.yaml}). The size check comes before any decoding, strict UTF-8 before any parsing.
 */
public final class SafeYaml {
    /** Minutes or a policy are a page or two; far above any real file and far below SnakeYAML's 3 MB default. */
    public static final int DEFAULT_MAX_BYTES = 256 * 1024;
    static final int MAX_ALIASES = 50;
    static final int MAX_NESTING = 20;

    private final int maxBytes;

    public SafeYaml(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    public int maxBytes() {
        return maxBytes;
    }

    /** @return the single document's root, or empty for an empty file; @throws YamlRejected with line and column */
    public Optional<Node> compose(byte[] bytes) {
        if (bytes.length > maxBytes) {
            throw new YamlRejected("the file is " + bytes.length + " bytes; at most " + maxBytes + " are read", 0, 0);
        }
        String text = Utf8.decode(bytes);
        StreamReader reader = new StreamReader(new StringReader(text));
        LoaderOptions options = options(maxBytes);
        TrackingParser parser = new TrackingParser(new ParserImpl(reader, options), reader);
        Composer composer = new Composer(parser, new Resolver(), options);
        try {
            return Optional.ofNullable(composer.getSingleNode());
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            String context = e.getContext() != null ? e.getContext() + ": " : "";
            throw at(context + problem, mark);
        } catch (TrackingParser.ReaderFailure e) {
            throw at(firstLine(e.getMessage()), e.mark());
        } catch (YAMLException e) {
            // the composer's limits (aliases, nesting) carry no mark: the event it was composing says where
            throw at(firstLine(e.getMessage()), parser.lastStart());
        } catch (StackOverflowError e) {
            throw at("the document is nested too deeply", parser.lastStart());
        }
    }

    private static YamlRejected at(String message, Mark mark) {
        return mark == null ? new YamlRejected(message, 0, 0)
                : new YamlRejected(message, mark.getLine() + 1, mark.getColumn() + 1);
    }

    private static LoaderOptions options(int maxBytes) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_NESTING);
        // a code point is at least one byte, so the byte limit already bounds it; this is the second fence
        options.setCodePointLimit(maxBytes);
        options.setMergeOnCompose(false);
        options.setTagInspector(tag -> false);
        options.setProcessComments(false);
        return options;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "the document cannot be read as YAML";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
