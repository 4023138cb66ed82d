package io.decisionlog.events.paths;

import io.decisionlog.events.errors.BadRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GlobTest {

    @ParameterizedTest(name = "{0} ~ {1}: {2}")
    @CsvSource({
            "deploy/**, deploy/values.yaml, true",
            "deploy/**, deploy/prod/values.yaml, true",
            "deploy/**, deployment/x, false",
            "*.yaml, a.yaml, true",
            "*.yaml, dir/a.yaml, false",
            "**/*.yaml, a.yaml, true",
            "**/*.yaml, x/y/a.yaml, true",
            "**/*.yaml, x/y/a.yml, false",
            "minutes/**/*.yaml, minutes/a.yaml, true",
            "minutes/**/*.yaml, minutes/2024/04/a.yaml, true",
            "minutes/**/*.yaml, other/minutes/a.yaml, false",
            "config/?.yml, config/a.yml, true",
            "config/?.yml, config/ab.yml, false",
            "config/?.yml, config//.yml, false",
            "[a-c]*.md, b.md, true",
            "[a-c]*.md, d.md, false",
            "[!a-c]*.md, d.md, true",
            "**/node_modules/**, web/node_modules/x/y.js, true",
            "**, anything/at/all, true",
            "a*b*c, axxbyyc, true",
            "a*b*c, axxbyy, false",
    })
    void shouldMatchAsGitAndJavaGlobsDo(String pattern, String path, boolean expected) {
        assertThat(Glob.compile(pattern).matches(path)).isEqualTo(expected);
    }

    /** Where git and Java differ, git wins: {@code a/**}{@code /b} matches {@code a/b} in git, not in Java. */
    @Test
    void shouldAgreeWithJavasGlobWhereNoDoubleStarStandsForZeroDirectories() {
        List<String> patterns = List.of("deploy/**", "*.yaml", "config/*/app.yaml", "a?c/*/**/x.json", "**.md");
        List<String> paths = List.of("deploy/a", "deploy/a/b.yaml", "x.yaml", "x/y.yaml", "config/prod/app.yaml",
                "config/app.yaml", "abc/x.json", "abc/d/e/x.json", "README.md", "docs/guide.md");
        for (String pattern : patterns) {
            var java = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
            for (String path : paths) {
                assertThat(Glob.compile(pattern).matches(path)).as(pattern + " ~ " + path)
                        .isEqualTo(java.matches(Path.of(path)));
            }
        }
    }

    /**
     * Long random patterns put states in every word of the bit set, so a state carried across a word boundary is
     * checked too. No {@code **} here: that is where git and Java part ways.
     */
    @Test
    void shouldAgreeWithJavasGlobOnLongRandomPatternsAcrossWordBoundaries() {
        Random random = new Random(17);
        for (int trial = 0; trial < 300; trial++) {
            String path = randomPath(random, 60 + random.nextInt(200));
            String pattern = patternFrom(random, path);
            var java = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
            for (String candidate : List.of(path, path + "x", mutate(random, path))) {
                assertThat(Glob.compile(pattern).matches(candidate)).as(pattern + " ~ " + candidate)
                        .isEqualTo(java.matches(Path.of(candidate)));
            }
        }
    }

    private static String randomPath(Random random, int length) {
        StringBuilder path = new StringBuilder();
        while (path.length() < length) {
            path.append((char) ('a' + random.nextInt(3)));
            if (random.nextInt(12) == 0 && path.charAt(path.length() - 1) != '/') {
                path.append('/');
            }
        }
        return path.toString().replaceAll("/$", "a");
    }

    /** Mostly the path's own characters, some turned into '?', '*' (eating a run of them) or a class. */
    private static String patternFrom(Random random, String path) {
        StringBuilder pattern = new StringBuilder();
        for (int i = 0; i < path.length() && pattern.length() < Glob.MAX_LENGTH - 8; i++) {
            char c = path.charAt(i);
            int pick = c == '/' ? 9 : random.nextInt(10);
            if (pick == 0) {
                pattern.append('?');
            } else if (pick == 1) {
                pattern.append('*');
                i += random.nextInt(4);
            } else if (pick == 2) {
                pattern.append(random.nextBoolean() ? "[a-b]" : "[!c]");
            } else {
                pattern.append(c);
            }
        }
        return pattern.toString().replace("**", "*");
    }

    private static String mutate(Random random, String path) {
        int at = random.nextInt(path.length());
        return path.charAt(at) == '/' ? path : path.substring(0, at) + 'c' + path.substring(at + 1);
    }

    @Test
    void shouldExpandAlternatives() {
        GlobSet set = GlobSet.of(List.of("minutes/**/*.{yaml,yml}"));

        assertThat(set.matches("minutes/a.yaml")).isTrue();
        assertThat(set.matches("minutes/b/a.yml")).isTrue();
        assertThat(set.matches("minutes/a.json")).isFalse();
    }

    @Test
    void shouldRefusePatternsThatLeaveTheRepositoryOrAreTooLong() {
        assertThatThrownBy(() -> Glob.compile("/etc/*.yaml")).isInstanceOf(BadRequest.class)
                .hasMessageContaining("relative to the repository root");
        assertThatThrownBy(() -> Glob.compile("../x/*.yaml")).isInstanceOf(BadRequest.class);
        assertThatThrownBy(() -> Glob.compile("a".repeat(Glob.MAX_LENGTH + 1))).isInstanceOf(BadRequest.class)
                .hasMessageContaining("longer than 256 characters");
        assertThatThrownBy(() -> GlobSet.of(List.of("{a,b,c,d,e,f,g,h,i}/{a,b,c,d,e,f,g,h,i}/x"))).isInstanceOf(BadRequest.class)
                .hasMessageContaining("expands to more than 64");
    }

    @Test
    void shouldMatchAPathologicalPatternWithoutBacktracking() {
        // as a backtracking regex this pattern takes exponential time on a path that almost matches
        String pattern = "*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b";
        String path = "a".repeat(4_000);

        assertThat(Glob.compile(pattern).matches(path)).isFalse();
    }
}
