package io.decisionlog.graph.api;

import io.decisionlog.events.errors.BadRequest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Reading query and path parameters, with the 400 that names the parameter and what was wrong with it. */
final class Params {
    /** What {@code rev=} accepts, for the API's documentation. */
    public static final String REV_FORMS = "a past revision of the tracked branch to answer for: a commit sha or a "
            + "prefix of at least 4 hex digits, a tag, or the branch's name; absent: the tip";

    private Params() {
    }

    static String required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new BadRequest(name, "query parameter '" + name + "' is required");
        }
        return value.trim();
    }

    static int positive(String name, String value) {
        String given = required(name, value);
        try {
            int number = Integer.parseInt(given);
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadRequest(name, name + " must be a whole number from 1 up, not '" + given + "'");
    }

    /** The router hands {@code %2F} in a path through undecoded; a raw slash needs nothing. */
    static String repoInPath(String repo) {
        return repo.contains("%") ? URLDecoder.decode(repo, StandardCharsets.UTF_8) : repo;
    }
}
