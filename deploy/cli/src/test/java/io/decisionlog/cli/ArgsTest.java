package io.decisionlog.cli;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArgsTest {
    private static final Set<String> FLAGS = Set.of("--json");
    private static final Set<String> VALUED = Set.of("--repo", "--include");

    @Test
    void shouldSeparatePositionalsFlagsAndOptionsInAnyOrder() {
        Args args = Args.parse(List.of("--json", "a.yaml:3", "--repo", "acme/payments", "--include=deploy/**",
                "--include", "config/**", "b"), FLAGS, VALUED);

        assertThat(args.positionals()).containsExactly("a.yaml:3", "b");
        assertThat(args.flag("--json")).isTrue();
        assertThat(args.value("--repo", null)).isEqualTo("acme/payments");
        assertThat(args.values("--include")).containsExactly("deploy/**", "config/**");
        assertThat(args.value("--missing", "fallback")).isEqualTo("fallback");
    }

    @Test
    void shouldTakeEverythingAfterDoubleDashAsPositional() {
        Args args = Args.parse(List.of("--", "--json", "-x"), FLAGS, VALUED);

        assertThat(args.positionals()).containsExactly("--json", "-x");
        assertThat(args.flag("--json")).isFalse();
    }

    @Test
    void shouldRefuseUnknownOptionsAndMissingValuesAsUsageErrors() {
        assertThatThrownBy(() -> Args.parse(List.of("--jsno"), FLAGS, VALUED)).isInstanceOfSatisfying(CliException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(Exit.USAGE);
            assertThat(e.getMessage()).isEqualTo("unknown option --jsno");
            assertThat(e.synopsis()).isTrue();
        });
        assertThatThrownBy(() -> Args.parse(List.of("--repo"), FLAGS, VALUED))
                .hasMessage("--repo needs a value");
        assertThatThrownBy(() -> Args.parse(List.of("--json=yes"), FLAGS, VALUED))
                .hasMessage("--json takes no value");
    }

    @Test
    void shouldNameTheExpectedPositionals() {
        Args args = Args.parse(List.of("one", "two"), FLAGS, VALUED);

        assertThat(args.positionals(2, "A and B")).containsExactly("one", "two");
        assertThatThrownBy(() -> args.positionals(1, "one PATH:LINE"))
                .hasMessage("expected one PATH:LINE, got: one two");
    }
}
