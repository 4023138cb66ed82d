package io.decisionlog.blame.history;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

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
