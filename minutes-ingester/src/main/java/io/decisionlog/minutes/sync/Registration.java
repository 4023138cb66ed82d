package io.decisionlog.minutes.sync;

import io.decisionlog.events.errors.BadRequest;
import io.decisionlog.events.paths.GlobSet;

import java.util.List;

/** A minutes repository to track: its id (e.g. {@code acme/minutes}), where to fetch it, which branch and files. */
public record Registration(String source, String url, String branch, List<String> include) {
    public static final List<String> DEFAULT_INCLUDE = List.of("minutes/**/*.yaml", "minutes/**/*.yml");
    public static final String DEFAULT_BRANCH = "main";

    public Registration {
        if (source == null || source.isBlank()) {
            throw new BadRequest("source", "source is required (e.g. acme/minutes)");
        }
        if (url == null || url.isBlank()) {
            throw new BadRequest("url", "url is required (a local path, file://, https:// or ssh)");
        }
        source = source.trim();
        url = url.trim();
        branch = branch == null || branch.isBlank() ? DEFAULT_BRANCH : branch.trim();
        include = include == null || include.isEmpty() ? DEFAULT_INCLUDE : List.copyOf(include);
        GlobSet.of(include);
    }
}
