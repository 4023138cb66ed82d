package io.decisionlog.cli.gate;

import com.fasterxml.jackson.databind.JsonNode;
import io.decisionlog.events.DecisionIds;
import io.decisionlog.events.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The decision ids a CI job passes through its environment, beside the commits' trailers: the pull request's title
 * and body and a dispatch's inputs (GitHub Actions' event file), a merge request's title and description (GitLab),
 * or {@code DECISIONLOG_PR_TITLE} / {@code DECISIONLOG_PR_BODY} from any other CI.
 */
public final class PullRequestText {
    static final long MAX_EVENT_BYTES = 1024 * 1024;
    static final int MAX_TEXT_CHARS = 64 * 1024;

    private PullRequestText() {
    }

    /** Each id once, with where it was found ({@code pull request title}, {@code dispatch input decision_id}). */
    public record Found(String decisionId, String where) {
    }

    public static List<Found> decisionIds(Map<String, String> env, DecisionIds ids) {
        List<Found> found = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Map.Entry<String, String> text : texts(env).entrySet()) {
            for (String id : ids.findIn(bounded(text.getValue()))) {
                if (seen.add(id)) {
                    found.add(new Found(id, text.getKey()));
                }
            }
        }
        return found;
    }

    private static Map<String, String> texts(Map<String, String> env) {
        Map<String, String> texts = new java.util.LinkedHashMap<>();
        put(texts, "pull request title", env.get("DECISIONLOG_PR_TITLE"));
        put(texts, "pull request body", env.get("DECISIONLOG_PR_BODY"));
        put(texts, "merge request title", env.get("CI_MERGE_REQUEST_TITLE"));
        put(texts, "merge request description", env.get("CI_MERGE_REQUEST_DESCRIPTION"));
        JsonNode event = githubEvent(env.get("GITHUB_EVENT_PATH"));
        if (event != null) {
            put(texts, "pull request title", event.path("pull_request").path("title").asText(null));
            put(texts, "pull request body", event.path("pull_request").path("body").asText(null));
            event.path("inputs").fields().forEachRemaining(input ->
                    put(texts, "dispatch input " + input.getKey(), input.getValue().asText(null)));
        }
        return texts;
    }

    private static void put(Map<String, String> texts, String where, String text) {
        if (text != null && !text.isBlank()) {
            texts.merge(where, text, (a, b) -> a + "\n" + b);
        }
    }

    /** GitHub's event payload; a missing, huge or unreadable file is no text (the trailers still count). */
    private static JsonNode githubEvent(String path) {
        if (path == null || path.isBlank()) {
            return null;
        }
        try {
            Path file = Path.of(path);
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_EVENT_BYTES) {
                return null;
            }
            return Json.MAPPER.readTree(file.toFile());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String bounded(String text) {
        return text.length() > MAX_TEXT_CHARS ? text.substring(0, MAX_TEXT_CHARS) : text;
    }
}
