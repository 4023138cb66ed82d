package io.decisionlog.graph.store;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FileBlameTest {
    private static final StoredChain CHAIN = new StoredChain("acme/p", "a", new TraceParts("{}", "{}"), null);

    // lines 1-3 by a (text), 4 in no range, 5-6 by b from old.yaml (published without text), 7-8 by c (ignored rev)
    private final FileBlame file = FileBlame.builder("a.yaml", 8, "tip")
            .range(1, 3, "a", null, 1, false, new String[]{"payments:", "  retries: 5", "  名前: ü"})
            .range(5, 2, "b", "old.yaml", 10, false, null)
            .range(7, 2, "c", null, 7, true, new String[]{"x: 1", ""})
            .build();

    @Test
    void shouldAnswerEachLineAsTheStoresQueryDoes() {
        assertThat(file.at(2, sha -> CHAIN)).isEqualTo(new LineAt(8, "tip", "a", null, 2, "  retries: 5", CHAIN, false));
        assertThat(file.at(3, sha -> null).text()).isEqualTo("  名前: ü");
        assertThat(file.at(1, sha -> null).text()).isEqualTo("payments:");
        assertThat(file.at(6, sha -> null)).isEqualTo(new LineAt(8, "tip", "b", "old.yaml", 11, null, null, false));
        assertThat(file.at(8, sha -> null)).isEqualTo(new LineAt(8, "tip", "c", null, 8, "", null, true));
        assertThat(file.at(7, sha -> null).text()).isEqualTo("x: 1");
    }

    @Test
    void shouldSayWhenALineIsInNoRangeOrPastTheEnd() {
        LineAt gap = file.at(4, sha -> CHAIN);
        assertThat(gap.inRange()).isFalse();
        assertThat(gap.fileLines()).isEqualTo(8);
        assertThat(file.at(9, sha -> CHAIN).inRange()).isFalse();
        assertThat(FileBlame.builder("a.yaml", 0, "tip").build().at(1, sha -> CHAIN).inRange()).isFalse();
    }

    @Test
    void shouldWeighWhatItKeepsDeflated() {
        FileBlame.Builder big = FileBlame.builder("a.yaml", 1000, "tip");
        String[] text = new String[1000];
        for (int i = 0; i < text.length; i++) {
            text[i] = "  feature-" + i + ": enabled   # rolled out to every region";
        }
        FileBlame blame = big.range(1, 1000, "a".repeat(40), null, 1, false, text).build();

        assertThat(blame.weight()).isBetween(4_000, 30_000);
        assertThat(blame.at(777, sha -> null).text()).isEqualTo(text[776]);
    }
}
