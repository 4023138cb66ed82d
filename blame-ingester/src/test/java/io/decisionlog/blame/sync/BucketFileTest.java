package io.decisionlog.blame.sync;

import io.decisionlog.events.BlameRange;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The local copy's storage: entries survive a round trip; a damaged bucket or another blob reads as "not known". */
class BucketFileTest {
    private static final ObjectId BLOB = ObjectId.fromString("0123456789abcdef0123456789abcdef01234567");
    private static final String SHA_A = "a".repeat(40);
    private static final String SHA_B = "b".repeat(40);

    @TempDir
    Path dir;

    @Test
    void shouldReadBackTheRangesOfTheBlobTheyWereMadeFrom() throws IOException {
        List<BlameRange> ranges = List.of(new BlameRange(1, 3, SHA_A, "old/name.yaml", 2),
                new BlameRange(4, 1, SHA_B, "config/name.yaml", 4, true), new BlameRange(5, 2, SHA_A, "old/name.yaml", 7));
        byte[] body = EntryCodec.encode(new PublishedBlames.Entry("config/name.yaml", BLOB, ranges));

        assertThat(EntryCodec.decode(body, BLOB)).isEqualTo(ranges);
        assertThat(EntryCodec.decode(body, ObjectId.zeroId())).isNull();
    }

    @Test
    void shouldRefuseRangesThatDoNotCoverTheFileFromLineOne() throws IOException {
        byte[] gap = EntryCodec.encode(new PublishedBlames.Entry("a.txt", BLOB,
                List.of(new BlameRange(1, 1, SHA_A, "a.txt", 1), new BlameRange(3, 1, SHA_A, "a.txt", 3))));

        assertThat(EntryCodec.decode(gap, BLOB)).isNull();
    }

    @Test
    void shouldReadABucketBackAndTreatADamagedOrMissingOneAsUnknown() throws IOException {
        Path bucket = dir.resolve("bucket-2a");
        Map<String, byte[]> entries = new TreeMap<>();
        entries.put("a.txt", "first".getBytes(StandardCharsets.UTF_8));
        entries.put("b/c.txt", "second".getBytes(StandardCharsets.UTF_8));
        BucketFile.write(bucket, entries);

        assertThat(BucketFile.read(bucket)).containsOnlyKeys("a.txt", "b/c.txt")
                .hasEntrySatisfying("b/c.txt", body -> assertThat(body).isEqualTo(entries.get("b/c.txt")));
        assertThat(BucketFile.read(dir.resolve("bucket-2b"))).isNull();

        byte[] bytes = Files.readAllBytes(bucket);
        bytes[10] ^= 1;
        Files.write(bucket, bytes);
        assertThat(BucketFile.read(bucket)).isNull();
    }

    @Test
    void shouldDeleteABucketThatNoLongerHoldsAnything() throws IOException {
        Path bucket = dir.resolve("bucket-00");
        BucketFile.write(bucket, new TreeMap<>(Map.of("a.txt", new byte[] {1})));
        BucketFile.write(bucket, new TreeMap<>());

        assertThat(bucket).doesNotExist();
    }
}
