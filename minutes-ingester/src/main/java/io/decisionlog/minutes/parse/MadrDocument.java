package io.decisionlog.minutes.parse;

import io.decisionlog.events.MinutesError;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A Markdown ADR (MADR) split into its YAML front matter and the parts of its body a decision needs: the
 * {@code # title}, the {@code ## Decision Outcome} section (the decision) and the {@code ## Context…} section.
 * The front matter keeps its leading {@code ---} line, so YAML positions are the file's own lines.
 */
record MadrDocument(String frontMatter, Part title, Part decision, Part context) {

    /** Text from the body and the 1-based line it starts on. */
    record Part(String text, int line) {
    }

    /** @throws MinutesRejected when there is no front matter, or it is never closed */
    static MadrDocument split(String text) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            lines[i] = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
        }
        if (!lines[0].strip().equals("---")) {
            throw new MinutesRejected(new MinutesError("a Markdown decision starts with YAML front matter: a '---' line,"
                    + " its fields (decision_id, status, date, deciders), and a closing '---'", 1, 1));
        }
        int close = 1;
        while (close < lines.length && !lines[close].strip().equals("---")) {
            close++;
        }
        if (close == lines.length) {
            throw new MinutesRejected(new MinutesError("the front matter opened on line 1 is never closed with '---'", 1, 1));
        }
        String frontMatter = String.join("\n", Arrays.copyOfRange(lines, 0, close)) + "\n";
        Part title = null;
        Part decision = null;
        Part context = null;
        String heading = null;
        int headingLine = 0;
        List<String> section = new ArrayList<>();
        for (int i = close + 1; i <= lines.length; i++) {
            String line = i < lines.length ? lines[i] : null;
            boolean h1 = line != null && line.matches("#\\s+\\S.*");
            boolean h2 = line != null && line.matches("##\\s+\\S.*");
            if (line == null || h1 || h2) {
                if (heading != null) {
                    String name = heading.toLowerCase(Locale.ROOT);
                    String body = String.join("\n", section).strip();
                    if (decision == null && name.startsWith("decision outcome") && !body.isEmpty()) {
                        decision = new Part(body, headingLine);
                    } else if (context == null && name.startsWith("context") && !body.isEmpty()) {
                        context = new Part(body, headingLine);
                    }
                }
                heading = h2 ? line.substring(2).strip() : null;
                headingLine = i + 1;
                section.clear();
                if (h1 && title == null) {
                    title = new Part(line.substring(1).strip(), i + 1);
                }
            } else if (heading != null) {
                section.add(line);
            }
        }
        return new MadrDocument(frontMatter, title, decision, context);
    }
}
