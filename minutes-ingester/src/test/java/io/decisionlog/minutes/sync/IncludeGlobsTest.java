package io.decisionlog.minutes.sync;

import io.decisionlog.events.errors.BadRequest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Include globs as git reads them, and the {@code decisionlog.sources} format. */
class IncludeGlobsTest {

    @Test
    void shouldMatchTheDefaultIncludesAtAnyDepthUnderMinutes() {
        IncludeGlobs globs = IncludeGlobs.of(Registration.DEFAULT_INCLUDE);

        assertThat(globs.matches("minutes/a.yaml")).isTrue();
        assertThat(globs.matches("minutes/2024/04/a.yml")).isTrue();
        assertThat(globs.matches("minutes/a.yaml.bak")).isFalse();
        assertThat(globs.matches("docs/minutes/a.yaml")).isFalse();
        assertThat(globs.matches("minutes.yaml")).isFalse();
    }

    @Test
    void shouldKeepSingleStarsAndQuestionMarksInOneDirectory() {
        IncludeGlobs globs = IncludeGlobs.of(List.of("adr/*.y?ml"));

        assertThat(globs.matches("adr/0001.yaml")).isTrue();
        assertThat(globs.matches("adr/sub/0001.yaml")).isFalse();
        assertThat(globs.matches("adr/0001.yml")).isFalse();
    }

    @Test
    void shouldRefuseAbsoluteOrEscapingPatterns() {
        assertThatThrownBy(() -> IncludeGlobs.of(List.of("/etc/*.yaml"))).isInstanceOf(BadRequest.class);
        assertThatThrownBy(() -> IncludeGlobs.of(List.of("../x/*.yaml"))).isInstanceOf(BadRequest.class);
    }
}
