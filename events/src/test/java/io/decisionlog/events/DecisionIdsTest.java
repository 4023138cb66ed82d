package io.decisionlog.events;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DecisionIdsTest {
    private final DecisionIds ids = DecisionIds.defaults();

    @Test
    void shouldAcceptIdsOfTheDefaultPattern() {
        assertThat(ids.isId("D-2024-087")).isTrue();
        assertThat(ids.isId(" ADR-2025-0012 ")).isTrue();
        assertThat(ids.isId("d-2024-087")).isFalse();
        assertThat(ids.isId("D-24-087")).isFalse();
        assertThat(ids.isId(null)).isFalse();
    }

    @Test
    void shouldFindDistinctIdsInTextInOrder() {
        assertThat(ids.findIn("Deploy D-2024-087 (follow-up of ADR-2025-0012, D-2024-087)"))
                .containsExactly("D-2024-087", "ADR-2025-0012");
    }

    @Test
    void shouldNotFindIdsInsideLongerTokens() {
        assertThat(ids.findIn("XD-2024-0871a and D-2024-0871")).containsExactly("D-2024-0871");
    }

    @Test
    void shouldHonourAConfiguredPattern() {
        DecisionIds custom = new DecisionIds("DEC-\\d+");
        assertThat(custom.findIn("ship DEC-42 now")).containsExactly("DEC-42");
        assertThat(custom.isId("D-2024-087")).isFalse();
    }
}
