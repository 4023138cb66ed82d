package io.decisionlog.kit.config;

import java.util.ArrayList;
import java.util.List;

/**
 * One entry of {@code decisionlog.repos} or {@code decisionlog.sources}: what to track from the start, written
 * {@code ID=URL} or {@code ID=URL#BRANCH} (branch {@code main} when not given).
 */
public record TrackedFromStart(String id, String url, String branch) {
    public static final String DEFAULT_BRANCH = "main";

    /**
     * @param key the setting the entries come from, for the message
     * @throws IllegalArgumentException naming the entry that is not {@code ID=URL[#BRANCH]}, so a mistyped setting
     *                                  stops the start instead of silently tracking nothing
     */
    public static List<TrackedFromStart> parse(List<String> entries, String key) {
        List<TrackedFromStart> parsed = new ArrayList<>();
        for (String raw : entries) {
            String entry = raw.trim();
            if (!entry.isEmpty()) {
                parsed.add(parseOne(entry, key));
            }
        }
        return parsed;
    }

    private static TrackedFromStart parseOne(String entry, String key) {
        int equals = entry.indexOf('=');
        if (equals <= 0 || equals == entry.length() - 1) {
            throw new IllegalArgumentException(key + " entry '" + entry + "' must be ID=URL or ID=URL#BRANCH");
        }
        String url = entry.substring(equals + 1);
        int hash = url.lastIndexOf('#');
        String branch = hash > 0 ? url.substring(hash + 1) : DEFAULT_BRANCH;
        return new TrackedFromStart(entry.substring(0, equals), hash > 0 ? url.substring(0, hash) : url, branch);
    }
}
