package io.decisionlog.events.paths;

import io.decisionlog.events.errors.BadRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.List;

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
