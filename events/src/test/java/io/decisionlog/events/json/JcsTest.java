package io.decisionlog.events.json;

import io.decisionlog.events.Json;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RFC 8785's own examples, where they use what this canonicalizes (its float example is refused, by design). */
class JcsTest {

    @Test
    void shouldSortMembersByUtf16CodeUnitsAsRfc8785Section323() throws Exception {
        String input = "{\"\\u20ac\":\"Euro Sign\",\"\\r\":\"Carriage Return\",\"\\ufb33\":\"Hebrew Letter Dalet With "
                + "Dagesh\",\"1\":\"One\",\"\\ud83d\\ude00\":\"Emoji: Grinning Face\",\"\\u0080\":\"Control\","
                + "\"\\u00f6\":\"Latin Small Letter O With Diaeresis\"}";

        assertThat(Jcs.canonical(Json.MAPPER.readTree(input))).isEqualTo("{\"\\r\":\"Carriage Return\",\"1\":\"One\","
                + "\"\u0080\":\"Control\",\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
                + "\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
    }

    @Test
    void shouldEscapeOnlyWhatRfc8785Section3222Escapes() throws Exception {
        String input = "{\"string\":\"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\","
                + "\"literals\":[null,true,false],\"integers\":[0,-7,9007199254740992]}";

        assertThat(Jcs.canonical(Json.MAPPER.readTree(input))).isEqualTo("{\"integers\":[0,-7,9007199254740992],"
                + "\"literals\":[null,true,false],\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
    }

    @Test
    void shouldRefuseNumbersItCannotPrintExactlyAsEcmaScript() throws Exception {
        assertThatThrownBy(() -> Jcs.canonical(Json.MAPPER.readTree("[4.50]")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fraction or exponent");
        assertThatThrownBy(() -> Jcs.canonical(Json.MAPPER.readTree("[9007199254740993]")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("beyond 2^53");
    }
}
