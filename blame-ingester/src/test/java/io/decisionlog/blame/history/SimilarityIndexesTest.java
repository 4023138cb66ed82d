package io.decisionlog.blame.history;

import org.eclipse.jgit.diff.SimilarityIndex;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SimilarityIndexesTest {
    private final TestHistory history = TestHistory.inMemory();
    private final ObjectReader reader = history.repository.newObjectReader();
    private final SimilarityIndexes indexes = new SimilarityIndexes();

    @AfterEach
    void close() {
        reader.close();
        history.close();
    }

    @Test
    void aFileComparedAgainIsNotIndexedAgain() throws IOException {
        ObjectId blob = blob("replicas: 3\nimage: nginx\n");

        SimilarityIndex first = indexes.of(blob, reader);

        assertThat(first).isNotNull();
        assertThat(indexes.of(blob, reader)).isSameAs(first);
    }

    @Test
    void theLeastRecentlyUsedGoOnceTheirFilesPassTheBudget() throws IOException {
        long quarter = SimilarityIndexes.KEPT_BYTES / 4;
        List<ObjectId> blobs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            blobs.add(blob(filler("file " + i + "\n", quarter)));
        }
        List<SimilarityIndex> first = new ArrayList<>();
        for (ObjectId blob : blobs) {
            first.add(indexes.of(blob, reader));
        }

        assertThat(indexes.of(blobs.get(4), reader)).isSameAs(first.get(4));
        assertThat(indexes.of(blobs.get(1), reader)).isSameAs(first.get(1));
        assertThat(indexes.of(blobs.get(0), reader)).isNotSameAs(first.get(0));
    }

    @Test
    void aFileTooLargeForTheBudgetIsIndexedButNotKept() throws IOException {
        ObjectId blob = blob(filler("big\n", SimilarityIndexes.KEPT_BYTES / 4 + 4));

        SimilarityIndex first = indexes.of(blob, reader);

        assertThat(first).isNotNull();
        assertThat(indexes.of(blob, reader)).isNotSameAs(first);
    }

    private static String filler(String line, long bytes) {
        return line.repeat((int) (bytes / line.length())) + "x".repeat((int) (bytes % line.length()));
    }

    private ObjectId blob(String content) throws IOException {
        try (ObjectInserter inserter = history.repository.newObjectInserter()) {
            ObjectId id = inserter.insert(Constants.OBJ_BLOB, content.getBytes(StandardCharsets.UTF_8));
            inserter.flush();
            return id;
        }
    }
}
