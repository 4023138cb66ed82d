package io.decisionlog.blame.history;

import io.decisionlog.events.BlameRange;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An incremental blame — the walk over the new commits only, taking the base's blame where lines reach the base —
 * gives exactly what a full walk gives, on random histories: edits, added, deleted and renamed files, branches
 * forked at or after the base and merged (parents' lines in parent order), branches forked before the base
 * (lines that leave through them are blamed through the whole history), and a previous blame that knows only
 * some files.
 */
class IncrementalBlameTest {
    private static final int HISTORIES = 60;

    @Test
    void shouldEqualAFullBlameOnRandomHistories() throws IOException {
        int carried = 0;
        int walked = 0;
        for (int seed = 0; seed < HISTORIES; seed++) {
            Random random = new Random(seed);
            boolean linear = seed % 3 == 0;
            try (TestHistory history = TestHistory.inMemory()) {
                Map<String, String> files = new LinkedHashMap<>();
                for (int f = 0; f < 6; f++) {
                    files.put("config/file" + f + ".yaml", TestHistory.lines(random, 5 + random.nextInt(20)));
                }
                List<ObjectId> main = new ArrayList<>();
                List<Map<String, String>> trees = new ArrayList<>();
                main.add(history.commit("initial", files));
                trees.add(new LinkedHashMap<>(files));
                int baseIndex = 4 + random.nextInt(4);
                for (int c = 1; c < 14; c++) {
                    if (!linear && random.nextInt(4) == 0) {
                        // a branch from an earlier main commit (maybe before the base), merged into main
                        int from = Math.max(0, main.size() - 1 - random.nextInt(Math.min(main.size(), 6)));
                        Map<String, String> side = new LinkedHashMap<>(trees.get(from));
                        ObjectId sideTip = main.get(from);
                        for (int s = 0; s < 1 + random.nextInt(3); s++) {
                            TestHistory.mutate(side, random);
                            sideTip = history.commit("side " + c + "." + s, side, sideTip);
                        }
                        Map<String, String> merged = new LinkedHashMap<>(files);
                        for (Map.Entry<String, String> file : side.entrySet()) {
                            if (!file.getValue().equals(trees.get(from).get(file.getKey())) || !merged.containsKey(file.getKey())) {
                                merged.put(file.getKey(), file.getValue());
                            }
                        }
                        if (random.nextBoolean()) {
                            TestHistory.mutate(merged, random); // an "evil" merge that changes lines itself
                        }
                        files = merged;
                        main.add(history.commit("merge " + c, files, main.get(main.size() - 1), sideTip));
                    } else {
                        TestHistory.mutate(files, random);
                        main.add(history.commit("change " + c, files, main.get(main.size() - 1)));
                    }
                    trees.add(new LinkedHashMap<>(files));
                }
                ObjectId base = main.get(baseIndex);
                ObjectId tip = main.get(main.size() - 1);
                Map<String, FileBlame> full = byPath(blame(history).blame(tip, path -> true));
                Map<String, FileBlame> atBase = byPath(blame(history).blame(base, path -> true));

                RepositoryBlame.Result incremental = blame(history).blame(tip, path -> true, base, known(atBase, p -> true));
                assertSameBlame("seed " + seed, byPath(incremental), full);
                assertThat(incremental.fromPrevious() + incremental.throughHistory()).isEqualTo(full.size());
                if (linear) {
                    assertThat(incremental.throughHistory()).as("seed %d: a linear push never walks the history", seed)
                            .isZero();
                }
                carried += incremental.fromPrevious();
                walked += incremental.throughHistory();

                RepositoryBlame.Result halfKnown = blame(history).blame(tip, path -> true, base,
                        known(atBase, path -> path.hashCode() % 2 == 0));
                assertSameBlame("seed " + seed + ", half known", byPath(halfKnown), full);
            }
        }
        assertThat(carried).as("files carried forward").isGreaterThan(walked);
        assertThat(walked).as("files blamed through the history (merges of older branches)").isPositive();
    }

    @Test
    void shouldTakeTheBasesBlameForLinesAPushDidNotChange() throws IOException {
        try (TestHistory history = TestHistory.inMemory()) {
            ObjectId first = history.commit("first", Map.of("a.yaml", "a: 1\nb: 2\nc: 3\n"));
            ObjectId second = history.commit("second", Map.of("a.yaml", "a: 1\nb: 20\nc: 3\n"), first);
            ObjectId push = history.commit("push", Map.of("b.yaml", "a: 1\nb: 20\nc: 3\nd: 4\n"), second);
            Map<String, FileBlame> atBase = byPath(blame(history).blame(second, path -> true));
            // what the base's blame says is taken as it is: a copy that disagreed with the history would show
            PreviousBlame previous = (path, blob) -> path.equals("a.yaml") && blob.equals(atBase.get("a.yaml").blob())
                    ? List.of(new BlameRange(1, 3, first.name(), "a.yaml", 1)) : null;

            RepositoryBlame.Result result = blame(history).blame(push, path -> true, second, previous);

            FileBlame renamed = result.files().get(0);
            assertThat(renamed.path()).isEqualTo("b.yaml");
            assertThat(renamed.ranges()).containsExactly(
                    new BlameRange(1, 3, first.name(), "a.yaml", 1), new BlameRange(4, 1, push.name(), "b.yaml", 4));
            assertThat(result.fromPrevious()).isEqualTo(1);
            assertThat(result.throughHistory()).isZero();
        }
    }

    private static void assertSameBlame(String what, Map<String, FileBlame> actual, Map<String, FileBlame> expected) {
        assertThat(actual.keySet()).as(what).isEqualTo(expected.keySet());
        expected.forEach((path, blame) -> assertThat(actual.get(path).ranges()).as(what + ": " + path)
                .isEqualTo(blame.ranges()));
    }

    /** The previous blame as the service keeps it: ranges per path, for the exact blob they describe. */
    private static PreviousBlame known(Map<String, FileBlame> atBase, Predicate<String> which) {
        Map<String, FileBlame> copy = new HashMap<>(atBase);
        return (path, blob) -> {
            FileBlame file = copy.get(path);
            return file != null && which.test(path) && file.blob().equals(blob) ? file.ranges() : null;
        };
    }

    private static RepositoryBlame blame(TestHistory history) {
        return new RepositoryBlame(history.repository, 1_048_576, (done, total) -> { });
    }

    private static Map<String, FileBlame> byPath(RepositoryBlame.Result result) {
        return result.files().stream().collect(Collectors.toMap(FileBlame::path, f -> f));
    }
}
