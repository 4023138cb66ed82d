package io.decisionlog.blame.history;

import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A file whose blame takes longer than the limit — time spent diffing its versions, added up — is dropped from the
 * walk and listed as skipped with the reason; the other files are still blamed, exactly as without a limit.
 */
class FileTimeLimitTest {
    private static TestHistory history;
    private static ObjectId tip;
    private static ObjectId middle;

    @BeforeAll
    static void buildHistory() throws IOException {
        history = TestHistory.inMemory();
        Map<String, String> files = new LinkedHashMap<>();
        files.put("busy.yaml", numbered(200, 0));
        files.put("quiet.yaml", "a: 1\nb: 2\nc: 3\n");
        files.put("static.yaml", "never: changed\n");
        ObjectId head = history.commit("initial", files);
        for (int version = 1; version <= 60; version++) {
            files.put("busy.yaml", numbered(200, version));
            if (version == 30) {
                files.put("quiet.yaml", "a: 1\nb: 20\nc: 3\n");
            }
            head = history.commit("version " + version, files, head);
            if (version == 50) {
                middle = head;
            }
        }
        tip = head;
    }

    @AfterAll
    static void close() {
        history.close();
    }

    @Test
    void shouldSkipTheFileOverTheLimitWithTheReasonAndBlameTheOthers() throws IOException {
        // a clock that moves 1 ms at every reading: each diff of a file adds exactly 1 ms to its time
        AtomicLong now = new AtomicLong();
        RepositoryBlame limited = new RepositoryBlame(history.repository, 1_048_576, Duration.ofMillis(10),
                (done, total) -> { }, () -> now.addAndGet(1_000_000));

        RepositoryBlame.Result result = limited.blame(tip, path -> true);

        assertThat(result.skipped()).containsExactly(new Skipped("busy.yaml", "blame took longer than 10ms"));
        Map<String, FileBlame> blamed = result.files().stream().collect(Collectors.toMap(FileBlame::path, f -> f));
        assertThat(blamed).containsOnlyKeys("quiet.yaml", "static.yaml");
        Map<String, FileBlame> unlimited = new RepositoryBlame(history.repository, 1_048_576, (done, total) -> { })
                .blame(tip, path -> true).files().stream().collect(Collectors.toMap(FileBlame::path, f -> f));
        blamed.forEach((path, file) -> assertThat(file.ranges()).as(path).isEqualTo(unlimited.get(path).ranges()));
        assertThat(unlimited.get("busy.yaml").lines()).isEqualTo(260);
    }

    @Test
    void shouldApplyTheLimitInAnIncrementalBlameToo() throws IOException {
        AtomicLong now = new AtomicLong();
        RepositoryBlame limited = new RepositoryBlame(history.repository, 1_048_576, Duration.ofMillis(5),
                (done, total) -> { }, () -> now.addAndGet(1_000_000));

        // ten new commits since the base: busy.yaml's ten diffs take 10 ms, over the limit
        RepositoryBlame.Result result = limited.blame(tip, path -> true, middle, PreviousBlame.NONE);

        assertThat(result.skipped()).containsExactly(new Skipped("busy.yaml", "blame took longer than 5ms"));
        assertThat(result.files()).extracting(FileBlame::path).containsExactlyInAnyOrder("quiet.yaml", "static.yaml");
    }

    @Test
    void shouldMeasureRealTimeAndLeaveFilesNeverDiffedAlone() throws IOException {
        RepositoryBlame limited = new RepositoryBlame(history.repository, 1_048_576, Duration.ofNanos(1),
                (done, total) -> { });

        RepositoryBlame.Result result = limited.blame(tip, path -> true);

        assertThat(result.skipped()).extracting(Skipped::path).contains("busy.yaml");
        assertThat(result.skipped()).allSatisfy(skipped -> assertThat(skipped.reason())
                .isEqualTo("blame took longer than 1ns"));
        assertThat(result.files()).extracting(FileBlame::path).containsExactly("static.yaml");
    }

    @Test
    void shouldDescribeLimitsAsTheyAreWritten() {
        assertThat(RepositoryBlame.describe(Duration.ofSeconds(30))).isEqualTo("30s");
        assertThat(RepositoryBlame.describe(Duration.ofMinutes(2))).isEqualTo("2m");
        assertThat(RepositoryBlame.describe(Duration.ofMillis(1500))).isEqualTo("1500ms");
    }

    /** Lines "key<i>: v0", then one line added by each version so far: its blame goes back through every version. */
    private static String numbered(int lines, int version) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            text.append("key").append(i).append(": v0\n");
        }
        for (int v = 1; v <= version; v++) {
            text.append("added").append(v).append(": v").append(v).append('\n');
        }
        return text.toString();
    }
}
