package io.decisionlog.blame.history;

import io.decisionlog.events.BlameRange;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Lines that reach the base take their commit from the base's published ranges, or the file is left unfinished. */
class BaseCompletionTest {
    private static final ObjectId BASE_BLOB = ObjectId.fromString("1111111111111111111111111111111111111111");
    private static final String OLD = "a".repeat(40);
    private static final String NEWER = "b".repeat(40);

    @Test
    void shouldGiveEachLineTheCommitPathAndLineOfTheRangeThatHoldsIt() {
        FileBlame file = file("config/app.yaml", 4);
        // tip lines 0, 2, 3 were lines 0, 1, 2 of the base's version; tip line 1 was written after the base
        file.attribute(1, NEWER, "config/app.yaml", 1, false);
        Job job = new Job(file, "config/app.yaml", BASE_BLOB, new int[] {0, 1, 2}, new int[] {0, 2, 3});
        PreviousBlame previous = (path, blob) -> path.equals("config/app.yaml") && blob.equals(BASE_BLOB)
                ? List.of(new BlameRange(1, 2, OLD, "old/app.yaml", 5), new BlameRange(3, 1, NEWER, "config/app.yaml", 3))
                : null;

        Set<FileBlame> unfinished = BaseCompletion.complete(atBase(job), List.of(), previous);

        assertThat(unfinished).isEmpty();
        assertThat(file.resolved()).isTrue();
        assertThat(file.ranges()).containsExactly(
                new BlameRange(1, 1, OLD, "old/app.yaml", 5),
                new BlameRange(2, 1, NEWER, "config/app.yaml", 2),
                new BlameRange(3, 1, OLD, "old/app.yaml", 6),
                new BlameRange(4, 1, NEWER, "config/app.yaml", 3));
    }

    @Test
    void shouldLeaveAFileUnfinishedWhenTheBaseDoesNotKnowItsVersionOrALine() {
        FileBlame unknown = file("unknown.txt", 1);
        FileBlame shortRanges = file("short.txt", 2);
        PreviousBlame previous = (path, blob) -> path.equals("short.txt")
                ? List.of(new BlameRange(1, 1, OLD, "short.txt", 1)) : null;

        Map<String, List<Job>> jobs = atBase(whole(unknown));
        jobs.putAll(atBase(whole(shortRanges)));
        Set<FileBlame> unfinished = BaseCompletion.complete(jobs, List.of(), previous);

        assertThat(unfinished).containsExactlyInAnyOrder(unknown, shortRanges);
    }

    @Test
    void shouldLeaveFilesWithLinesBelowTheBaseUnfinishedButNotDroppedOnes() {
        FileBlame elsewhere = file("merged.txt", 1);
        FileBlame dropped = file("slow.txt", 1);
        dropped.drop();

        Set<FileBlame> unfinished = BaseCompletion.complete(null,
                List.of(atBase(whole(elsewhere)), atBase(whole(dropped))), PreviousBlame.NONE);

        assertThat(unfinished).containsExactly(elsewhere);
    }

    private static FileBlame file(String path, int lines) {
        return new FileBlame(path, BASE_BLOB, lines);
    }

    private static Job whole(FileBlame file) {
        int[] lines = new int[file.lines()];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = i;
        }
        return new Job(file, file.path(), BASE_BLOB, lines, lines.clone());
    }

    private static Map<String, List<Job>> atBase(Job job) {
        Map<String, List<Job>> jobs = new HashMap<>();
        jobs.computeIfAbsent(job.path(), p -> new ArrayList<>()).add(job);
        return jobs;
    }
}
