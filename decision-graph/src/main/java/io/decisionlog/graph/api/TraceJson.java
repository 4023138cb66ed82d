package io.decisionlog.graph.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.decisionlog.graph.store.LineAt;
import io.decisionlog.graph.store.TraceParts;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * A trace answer as JSON text, field for field what the REST layer writes for a {@link TraceView}: the line's own
 * fields go through the mapper's generator, the chain's {@link TraceParts} are copied in as rendered. Reading the
 * chain back into records and writing them out again cost 10-20 % of a trace's CPU (the root BENCHMARKS.md, issue #7).
 */
final class TraceJson {
    private TraceJson() {
    }

    static String of(ObjectMapper answers, String repo, String path, int line, LineAt at, TraceParts parts) {
        StringWriter out = new StringWriter(parts.commit().length() + parts.links().length() + 512);
        try (JsonGenerator json = answers.getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("repo", repo);
            json.writeStringField("path", path);
            json.writeNumberField("line", line);
            json.writeStringField("text", at.text());
            json.writeStringField("rev", at.rev());
            json.writeObjectFieldStart("blame");
            json.writeStringField("sha", at.sha());
            json.writeStringField("orig_path", at.origPath());
            json.writeNumberField("orig_line", at.origLine());
            if (at.ignoredRev()) {
                json.writeBooleanField("ignored_rev", true);
            }
            appendMembers(json, parts.commit());
            json.writeEndObject();
            appendMembers(json, parts.links());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    // the members of a rendered object, after those already written: its text without the braces
    private static void appendMembers(JsonGenerator json, String object) throws IOException {
        json.writeRaw(',');
        json.writeRaw(object, 1, object.length() - 2);
    }
}
