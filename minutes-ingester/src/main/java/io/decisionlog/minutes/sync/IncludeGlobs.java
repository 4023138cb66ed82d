package io.decisionlog.minutes.sync;

import io.decisionlog.events.errors.BadRequest;

import java.util.List;
import java.util.regex.Pattern;

/** Git-style path globs: {@code **}{@code /} is zero or more directories, {@code *} and {@code ?} stay in one. */
public final class IncludeGlobs {
    private final List<Pattern> patterns;

    private IncludeGlobs(List<Pattern> patterns) {
        this.patterns = patterns;
    }

    public static IncludeGlobs of(List<String> globs) {
        return new IncludeGlobs(globs.stream().map(IncludeGlobs::compile).toList());
    }

    public boolean matches(String path) {
        return patterns.stream().anyMatch(pattern -> pattern.matcher(path).matches());
    }

    static Pattern compile(String glob) {
        if (glob.isBlank() || glob.startsWith("/") || glob.contains("..")) {
            throw new BadRequest("include", "include pattern '" + glob + "' must be a relative path glob");
        }
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && glob.startsWith("**/", i)) {
                regex.append("(?:[^/]+/)*");
                i += 2;
            } else if (c == '*' && glob.startsWith("**", i)) {
                regex.append(".*");
                i++;
            } else if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
