package io.decisionlog.blame.sync;

import io.decisionlog.events.paths.GlobSet;

import java.util.List;
import java.util.function.Predicate;

/**
 * A repository's include/exclude globs ({@code deploy/**}, {@code **}{@code /*.png}), git-style and matched in linear
 * time ({@link GlobSet}); no includes means every file.
 */
public final class PathRules {
    private PathRules() {
    }

    /** @throws io.decisionlog.events.errors.BadRequest naming the pattern that cannot be used */
    public static Predicate<String> of(List<String> include, List<String> exclude) {
        GlobSet includes = GlobSet.of(include);
        GlobSet excludes = GlobSet.of(exclude);
        return path -> (includes.isEmpty() || includes.matches(path)) && !excludes.matches(path);
    }
}
