package io.decisionlog.events.paths;

import io.decisionlog.events.errors.BadRequest;

import java.util.ArrayList;
import java.util.List;

/**
 * Several path globs, any of which may match; {@code {yaml,yml}} alternatives become one glob each. Bounded: at most
 * {@link #MAX_PATTERNS} patterns after expansion, each at most {@link Glob#MAX_LENGTH} characters.
 */
public final class GlobSet {
    public static final int MAX_PATTERNS = 64;

    private final List<Glob> globs;

    private GlobSet(List<Glob> globs) {
        this.globs = globs;
    }

    /** @throws BadRequest naming the pattern that cannot be used and why */
    public static GlobSet of(List<String> patterns) {
        List<Glob> globs = new ArrayList<>();
        for (String pattern : patterns) {
            for (String alternative : expand(pattern)) {
                if (globs.size() == MAX_PATTERNS) {
                    throw new BadRequest("glob", "more than " + MAX_PATTERNS + " path patterns (after expanding {a,b})");
                }
                globs.add(Glob.compile(alternative));
            }
        }
        return new GlobSet(List.copyOf(globs));
    }

    public boolean isEmpty() {
        return globs.isEmpty();
    }

    public boolean matches(String path) {
        for (Glob glob : globs) {
            if (glob.matches(path)) {
                return true;
            }
        }
        return false;
    }

    /** {@code a/{b,c}/*.{yaml,yml}} → four patterns; braces do not nest. */
    static List<String> expand(String pattern) {
        int open = pattern == null ? -1 : pattern.indexOf('{');
        int close = open < 0 ? -1 : pattern.indexOf('}', open);
        if (close < 0) {
            return pattern == null ? List.of("") : List.of(pattern);
        }
        List<String> expanded = new ArrayList<>();
        for (String choice : pattern.substring(open + 1, close).split(",", -1)) {
            for (String rest : expand(pattern.substring(close + 1))) {
                expanded.add(pattern.substring(0, open) + choice + rest);
                if (expanded.size() > MAX_PATTERNS) {
                    throw new BadRequest("glob", "path pattern '" + pattern + "' expands to more than " + MAX_PATTERNS
                            + " patterns");
                }
            }
        }
        return expanded;
    }
}
