package io.decisionlog.kit;

import io.decisionlog.kit.config.TrackedFromStart;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrackedFromStartTest {

    @Test
    void shouldReadEntriesWithOptionalBranchesAndSkipBlanks() {
        assertThat(TrackedFromStart.parse(List.of("acme/minutes=https://git.example.com/acme/minutes.git#release",
                " team/adr=/srv/git/adr ", ""), "decisionlog.sources")).containsExactly(
                new TrackedFromStart("acme/minutes", "https://git.example.com/acme/minutes.git", "release"),
                new TrackedFromStart("team/adr", "/srv/git/adr", "main"));
    }

    @Test
    void shouldNameTheSettingAndTheEntryThatIsNotIdEqualsUrl() {
        assertThatThrownBy(() -> TrackedFromStart.parse(List.of("no-url-here"), "decisionlog.repos"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("decisionlog.repos entry 'no-url-here' must be ID=URL or ID=URL#BRANCH");
        assertThatThrownBy(() -> TrackedFromStart.parse(List.of("acme/a="), "decisionlog.repos"))
                .hasMessageContaining("'acme/a='");
    }
}
