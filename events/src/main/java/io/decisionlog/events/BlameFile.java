package io.decisionlog.events;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * The blame of one file at the branch tip ({@link Topics#BLAME}). {@code text} holds the line contents and is
 * null for files over the size limit.
 */
@WireFormat
public record BlameFile(
        String repo,
        String path,
        String rev,
        int lines,
        List<BlameRange> ranges,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<String> text) {

    public BlameFile {
        ranges = Nulls.list(ranges);
    }

    public String key() {
        return Keys.blame(repo, path);
    }
}
