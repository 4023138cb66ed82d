package io.decisionlog.minutes.sync;

import io.decisionlog.events.errors.BadRequest;
import io.decisionlog.events.paths.GlobSet;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A source's include globs as git reads them (events' GlobSet), and the default. */
class IncludeTest {

    @Test
    void shouldMatchTheDefaultIncludesAtAnyDepthUnderMinutes() {
        GlobSet globs = GlobSet.of(Registration.DEFAULT_INCLUDE);

        assertThat(globs.matches("minutes/a.yaml")).isTrue();
        assertThat(globs.matches("minutes/2024/04/a.yml")).isTrue();
        assertThat(globs.matches("minutes/a.yaml.bak")).isFalse();
        assertThat(globs.matches("docs/minutes/a.yaml")).isFalse();
        assertThat(globs.matches("minutes.yaml")).isFalse();
    }

    @Test
    void shouldKeepSingleStarsAndQuestionMarksInOneDirectory() {
        GlobSet globs = GlobSet.of(List.of("adr/*.y?ml"));

        assertThat(globs.matches("adr/0001.yaml")).isTrue();
        assertThat(globs.matches("adr/sub/0001.yaml")).isFalse();
        assertThat(globs.matches("adr/0001.yml")).isFalse();
    }

    @Test
    void shouldRefuseAbsoluteOrEscapingPatterns() {
        assertThatThrownBy(() -> GlobSet.of(List.of("/etc/*.yaml"))).isInstanceOf(BadRequest.class);
        assertThatThrownBy(() -> GlobSet.of(List.of("../x/*.yaml"))).isInstanceOf(BadRequest.class);
    }
}
