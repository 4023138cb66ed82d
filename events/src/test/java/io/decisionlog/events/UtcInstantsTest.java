package io.decisionlog.events;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

class UtcInstantsTest {
    /** What Json.MAPPER read instants with before: JavaTimeModule alone, same settings. */
    private static final ObjectMapper FORMATTER_BASED = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE).build();

    @Test
    void shouldReadEveryInstantTheSerdesWriteAsTheFormatterDoes() throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            // years 0001-9999, every precision the writer produces (whole seconds, millis, micros, nanos)
            long seconds = random.nextLong(Instant.parse("0001-01-01T00:00:00Z").getEpochSecond(),
                    Instant.parse("9999-12-31T23:59:59Z").getEpochSecond());
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nanos);
            String json = Json.MAPPER.writeValueAsString(instant);
            assertThat(UtcInstants.parse(json.substring(1, json.length() - 1))).as(json).isEqualTo(instant);
            assertThat(Json.MAPPER.readValue(json, Instant.class)).as(json).isEqualTo(instant);
        }
    }

    @Test
    void shouldReadFractionsOfAnyLength() {
        for (String text : List.of("2025-03-01T12:34:56.1Z", "2025-03-01T12:34:56.12Z", "2025-03-01T12:34:56.1234Z",
                "2025-03-01T12:34:56.12345Z", "2025-03-01T12:34:56.12345678Z", "2024-02-29T23:59:59.999999999Z")) {
            assertThat(UtcInstants.parse(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void shouldLeaveWhatItDoesNotParseToTheFormatterBasedReader() throws Exception {
        for (String json : List.of("\"2025-01-01T01:00:00+01:00\"", "\"2025-01-01T00:00:00.5-02:30\"",
                "1735689600", "1735689600.5", "\"+12025-01-01T00:00:00Z\"", "\"2025-01-01T00:00:00.123+00:00\"")) {
            assertThat(Json.MAPPER.readValue(json, Instant.class)).as(json)
                    .isEqualTo(FORMATTER_BASED.readValue(json, Instant.class));
        }
        for (String text : List.of("2025-01-01T01:00:00+01:00", "2025-13-01T00:00:00Z", "2023-02-29T00:00:00Z",
                "2025-01-01T24:00:00Z", "2025-01-01T00:60:00Z", "2025-01-01T00:00:60Z", "2025-01-01T00:00:00.Z",
                "2025-01-01 00:00:00Z", "2025-01-0lT00:00:00Z", "+2025-01-01T00:00:00Z", "2025-01-01T00:00:00z")) {
            assertThat(UtcInstants.parse(text)).as(text).isNull();
        }
    }

    @Test
    void shouldRefuseWhatTheFormatterRefusesWithItsMessage() {
        for (String json : List.of("\"2023-02-29T00:00:00Z\"", "\"2025-01-01T00:00:00.000000000000Z\"",
                "\"yesterday\"", "\"2025-01-01T00:00Z\"")) {
            Throwable before = catchThrowable(() -> FORMATTER_BASED.readValue(json, Instant.class));
            assertThat(before).as(json).isInstanceOf(InvalidFormatException.class);
            assertThatThrownBy(() -> Json.MAPPER.readValue(json, Instant.class)).as(json)
                    .isInstanceOf(InvalidFormatException.class)
                    .hasMessage(before.getMessage());
        }
    }
}
