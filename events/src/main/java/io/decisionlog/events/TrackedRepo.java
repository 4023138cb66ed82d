package io.decisionlog.events;

import java.time.Instant;
import java.util.List;

/** A repository registered with the blame-ingester and the last tip fully published ({@link Topics#REPOS}). */
@WireFormat
public record TrackedRepo(
        String repo,
        String url,
        String branch,
        List<String> include,
        List<String> exclude,
        String tip,
        Instant syncedAt) {

    public TrackedRepo {
        include = Nulls.list(include);
        exclude = Nulls.list(exclude);
    }
}
