package io.decisionlog.blame.history;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LineIndexTest {

    @Test
    void linesEndAfterTheirNewlineAndAnUnterminatedLastLineCounts() {
        LineIndex index = LineIndex.of(bytes("a: 1\n\nb: 2"));

        assertThat(index.lines).isEqualTo(3);
        assertThat(index.starts).startsWith(0, 5, 6, 10);
    }

    @Test
    void anEmptyVersionHasNoLines() {
        LineIndex index = LineIndex.of(new byte[0]);

        assertThat(index.lines).isZero();
        assertThat(index.linesWithin(0)).isZero();
    }

    @Test
    void equalLinesHashAlikeWhereverTheyStand() {
        LineIndex index = LineIndex.of(bytes("x\ny\nx\nx"));

        assertThat(index.hashes[0]).isEqualTo(index.hashes[2]).isNotEqualTo(index.hashes[1]);
        // the line end is part of the line: "x" without one is not "x\n"
        assertThat(index.hashes[3]).isNotEqualTo(index.hashes[0]);
    }

    @Test
    void linesAreFoundAndHashedAlikeAtEveryOffsetAndLength() {
        String[] vocabulary = {
                "", "a", "\r", "\t\t}", "seven77", "eight888", "nine99999", "  key: value",
                "a much longer line that spans several words",
        };
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            StringBuilder text = new StringBuilder();
            List<String> lines = new ArrayList<>();
            for (int n = random.nextInt(30); n > 0; n--) {
                String line = vocabulary[random.nextInt(vocabulary.length)] + "\n";
                lines.add(line);
                text.append(line);
            }
            if (random.nextBoolean()) {
                String last = vocabulary[1 + random.nextInt(vocabulary.length - 1)];
                lines.add(last);
                text.append(last);
            }

            LineIndex index = LineIndex.of(bytes(text.toString()));

            assertThat(index.lines).isEqualTo(lines.size());
            int start = 0;
            for (int r = 0; r < lines.size(); r++) {
                assertThat(index.starts[r]).isEqualTo(start);
                start += bytes(lines.get(r)).length;
                for (int other = 0; other < r; other++) {
                    if (lines.get(other).equals(lines.get(r))) {
                        assertThat(index.hashes[r]).as("line %d, equal to line %d", r, other).isEqualTo(index.hashes[other]);
                    }
                }
            }
            assertThat(index.starts[lines.size()]).isEqualTo(start);
        }
    }

    @Test
    void manyLinesGrowTheIndex() {
        String text = "line\n".repeat(1000);

        LineIndex index = LineIndex.of(bytes(text));

        assertThat(index.lines).isEqualTo(1000);
        assertThat(index.starts[1000]).isEqualTo(text.length());
    }

    @Test
    void aPrefixEndingALineHoldsTheLinesBeforeIt() {
        LineIndex index = LineIndex.of(bytes("a\nbb\nccc\n"));

        assertThat(index.linesWithin(0)).isZero();
        assertThat(index.linesWithin(2)).isEqualTo(1);
        assertThat(index.linesWithin(5)).isEqualTo(2);
        assertThat(index.linesWithin(9)).isEqualTo(3);
    }

    @Test
    void aPrefixCuttingALineIsRefused() {
        LineIndex index = LineIndex.of(bytes("a\nbb\n"));

        assertThatThrownBy(() -> index.linesWithin(3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 bytes do not end a line");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
