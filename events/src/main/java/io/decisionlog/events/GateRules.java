package io.decisionlog.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.decisionlog.events.errors.BadRequest;
import io.decisionlog.events.paths.GlobSet;

import java.util.List;
import java.util.Locale;

/**
 * What the gate asks of a change before it merges: which paths are governed, whether each commit or the range as a
 * whole must carry a decision, and which decision statuses count. A repository's {@code .decisionlog.yaml} says it;
 * a registration's {@code gate} says it for repositories without one. {@code signoff: true} also asks that a steward
 * has signed the decision off in the repository (a sign-off not revoked: the change itself will make it stale, and
 * the registration's {@code require_signoff} then asks for a new one).
 */
@WireFormat
public record GateRules(List<String> governed, Require require, List<String> statuses, Boolean signoff) {
    public static final int MAX_STATUSES = 10;
    public static final List<String> DEFAULT_STATUSES = List.of("accepted");

    public enum Require {
        /** Every commit that touches a governed path names a decision in its own trailers. */
        @JsonProperty("commit") COMMIT,
        /** The range as a whole does: a trailer of any of its commits, or the pull request's title or body. */
        @JsonProperty("pull_request") PULL_REQUEST;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** @throws BadRequest naming the field, for anything but commit or pull_request */
        public static Require of(String word, String field) {
            for (Require require : values()) {
                if (require.word().equals(word)) {
                    return require;
                }
            }
            throw new BadRequest(field, field + " must be commit or pull_request, not '" + cap(word) + "'");
        }
    }

    public GateRules {
        governed = Nulls.list(governed);
        statuses = Nulls.list(statuses);
    }

    /**
     * The rules checked and made canonical (statuses lower case, defaults filled in: {@code require: commit},
     * {@code statuses: [accepted]}, {@code signoff: false}).
     *
     * @param prefix the field path in messages: {@code gate.} for a registration, empty for a policy file
     * @throws BadRequest naming the field that is wrong and why
     */
    public GateRules validated(String prefix) {
        if (governed.isEmpty()) {
            throw new BadRequest(prefix + "governed", prefix + "governed is empty: list at least one path glob, "
                    + "e.g. [\"deploy/**\"]");
        }
        globs(prefix);
        List<String> counting = statuses.isEmpty() ? DEFAULT_STATUSES : statuses;
        if (counting.size() > MAX_STATUSES) {
            throw new BadRequest(prefix + "statuses", prefix + "statuses lists at most " + MAX_STATUSES + " statuses");
        }
        for (String status : counting) {
            if (status == null || !status.matches("[A-Za-z_-]{1,32}")) {
                throw new BadRequest(prefix + "statuses", "'" + cap(status) + "' is not a decision status");
            }
        }
        return new GateRules(List.copyOf(governed), require == null ? Require.COMMIT : require,
                counting.stream().map(status -> status.toLowerCase(Locale.ROOT)).distinct().toList(),
                Boolean.TRUE.equals(signoff));
    }

    /** The governed globs compiled; @throws BadRequest naming the pattern that cannot be used */
    public GlobSet globs(String prefix) {
        try {
            return GlobSet.of(governed);
        } catch (BadRequest e) {
            throw new BadRequest(prefix + "governed", e.getMessage());
        }
    }

    private static String cap(String text) {
        return text == null ? "null" : text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
