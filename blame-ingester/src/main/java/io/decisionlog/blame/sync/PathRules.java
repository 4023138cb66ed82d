package io.decisionlog.blame.sync;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.function.Predicate;

/** A repository's include/exclude globs ({@code deploy/**}, {@code **}{@code /*.png}); no includes means every file. */
final class PathRules {
    private PathRules() {
    }

    static Predicate<String> of(List<String> include, List<String> exclude) {
        List<PathMatcher> includes = include.stream().map(PathRules::matcher).toList();
        List<PathMatcher> excludes = exclude.stream().map(PathRules::matcher).toList();
        return path -> {
            Path file = Path.of(path);
            return (includes.isEmpty() || includes.stream().anyMatch(m -> m.matches(file)))
                    && excludes.stream().noneMatch(m -> m.matches(file));
        };
    }

    private static PathMatcher matcher(String glob) {
        PathMatcher exact = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        // "**/x" should also match "x" at the root, as in .gitignore
        if (glob.startsWith("**/")) {
            PathMatcher rooted = FileSystems.getDefault().getPathMatcher("glob:" + glob.substring(3));
            return file -> exact.matches(file) || rooted.matches(file);
        }
        return exact;
    }
}
