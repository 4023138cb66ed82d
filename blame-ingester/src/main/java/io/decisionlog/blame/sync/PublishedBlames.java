package io.decisionlog.blame.sync;

import io.decisionlog.blame.history.PreviousBlame;
import io.decisionlog.events.BlameRange;
import org.eclipse.jgit.lib.ObjectId;
import org.jboss.logging.Logger;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * A local copy of the blame this service last published per file ({@code <data-dir>/blame/<repo>/}), so that an
 * incremental sync can carry it forward through a push instead of walking the whole history again. Entries (a
 * path, the blob it describes, its ranges) live in {@value #BUCKETS} bucket files by a hash of the path — small
 * files cost a file system a lot (creating 12,000 of them takes seconds here), a few hundred do not — and a
 * {@code tip} file names the published tip the whole copy reflects.
 *
 * <p>Only ever an accelerator, never a source of truth: the copy is trusted only when its tip is the repository's
 * published tip (read from {@code decisionlog.git.repos.v1}); otherwise — lost, from a sync that failed half-way,
 * or older — it is emptied and files are blamed through the history again, as before. An entry is used only for
 * the exact blob it was made from, and a bucket only when its checksum holds; anything unreadable is "not known".
 */
public final class PublishedBlames {
    private static final Logger LOG = Logger.getLogger(PublishedBlames.class);
    private static final int MAGIC = 0x444c4232; // "DLB2"
    static final int BUCKETS = 256;

    private final Path root;

    public PublishedBlames(Path root) {
        this.root = root;
    }

    /** What to remember of one published file: its path, the blob blamed, and the ranges published. */
    record Entry(String path, ObjectId blob, List<BlameRange> ranges) {
    }

    /**
     * The repository's copy as of {@code publishedTip}: usable as is when it reflects that tip, emptied when it
     * does not (or when {@code publishedTip} is null: nothing published yet).
     */
    Snapshot open(String repo, String publishedTip) {
        Path dir = root.resolve(URLEncoder.encode(repo, StandardCharsets.UTF_8));
        String tip = readTip(dir);
        boolean valid = publishedTip != null && publishedTip.equals(tip);
        boolean usable = true;
        if (!valid && Files.exists(dir)) {
            LOG.infof("%s: the local copy of the published blame is for %s, not the published tip %s: starting it again",
                    repo, tip == null ? "no tip" : tip, publishedTip == null ? "(none)" : publishedTip);
            usable = wipe(dir);
        }
        return new Snapshot(repo, dir, usable);
    }

    /** One repository's copy during a sync: read what the base knows, then record what the sync published. */
    final class Snapshot implements PreviousBlame {
        private final String repo;
        private final Path dir;
        /** False when stale entries could not be removed: then nothing is read, and no tip is written. */
        private boolean usable;
        private final Path[] buckets = new Path[BUCKETS];

        private Snapshot(String repo, Path dir, boolean usable) {
            this.repo = repo;
            this.dir = dir;
            this.usable = usable;
        }

        @Override
        public List<BlameRange> lookup(String path, ObjectId blob) {
            if (!usable) {
                return null;
            }
            Path bucket = bucketFile(path);
            try {
                Map<String, byte[]> entries = readBucket(bucket);
                byte[] entry = entries == null ? null : entries.get(path);
                return entry == null ? null : decode(entry, blob);
            } catch (IOException | RuntimeException e) {
                LOG.warnf("%s: cannot read the published blame of %s from %s (%s); blaming it through the history",
                        repo, path, bucket, e.getMessage());
                return null;
            }
        }

        /**
         * Records what a sync to {@code tip} published, once Kafka acknowledged it: the new entries, the paths no
         * longer published (deleted or now skipped), then the tip. With {@code replaceAll} (a full sync) the copy
         * is emptied first. A failure leaves the copy without a tip (emptied at the next sync) and is only logged:
         * the sync itself succeeded.
         */
        void record(String tip, Collection<Entry> published, Collection<String> removed, boolean replaceAll) {
            try {
                Files.createDirectories(dir);
                // from here until the new tip is written, the copy is not trusted
                Files.deleteIfExists(dir.resolve("tip"));
                if (replaceAll) {
                    usable = wipe(dir);
                    Files.createDirectories(dir);
                }
                if (!usable) {
                    return;
                }
                Map<Path, Map<String, byte[]>> changed = new HashMap<>();
                for (String path : removed) {
                    bucketOf(changed, path, replaceAll).remove(path);
                }
                for (Entry entry : published) {
                    bucketOf(changed, entry.path(), replaceAll).put(entry.path(), encode(entry));
                }
                for (Map.Entry<Path, Map<String, byte[]>> bucket : changed.entrySet()) {
                    writeBucket(bucket.getKey(), bucket.getValue());
                }
                writeAtomically(dir.resolve("tip"), (tip + "\n").getBytes(StandardCharsets.UTF_8));
            } catch (IOException | RuntimeException e) {
                LOG.warnf("%s: cannot keep the published blame under %s (%s); the next push blames its files through "
                        + "the history", repo, dir, e.getMessage());
            }
        }

        private Map<String, byte[]> bucketOf(Map<Path, Map<String, byte[]>> changed, String path, boolean fresh)
                throws IOException {
            Path bucket = bucketFile(path);
            Map<String, byte[]> entries = changed.get(bucket);
            if (entries == null) {
                entries = fresh ? null : readBucket(bucket);
                if (entries == null) {
                    entries = new TreeMap<>();
                }
                changed.put(bucket, entries);
            }
            return entries;
        }

        private Path bucketFile(String path) {
            int index = bucketIndex(path);
            if (buckets[index] == null) {
                buckets[index] = dir.resolve("bucket-" + HexFormat.of().toHexDigits((byte) index));
            }
            return buckets[index];
        }
    }

    /** The bucket of a path: String.hashCode is fixed by the Java specification, so it holds across versions. */
    static int bucketIndex(String path) {
        int hash = path.hashCode() * 0x9E3779B9;
        return (hash >>> 24) % BUCKETS;
    }

    /** A bucket: magic, count, then per entry its path, length and body; a CRC-32 of all of it at the end. */
    private static void writeBucket(Path file, Map<String, byte[]> entries) throws IOException {
        if (entries.isEmpty()) {
            Files.deleteIfExists(file);
            return;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(MAGIC);
        out.writeInt(entries.size());
        for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
            out.writeUTF(entry.getKey());
            out.writeInt(entry.getValue().length);
            out.write(entry.getValue());
        }
        CRC32 crc = new CRC32();
        crc.update(bytes.toByteArray());
        out.writeLong(crc.getValue());
        writeAtomically(file, bytes.toByteArray());
    }

    /** @return the bucket's entries by path (bodies undecoded), or null when it is absent or damaged */
    private static Map<String, byte[]> readBucket(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        }
        if (bytes.length < 16) {
            return null;
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 8);
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        in.skipBytes(bytes.length - 8);
        if (in.readLong() != crc.getValue()) {
            LOG.warnf("%s fails its checksum; its files are blamed through the history", file);
            return null;
        }
        in = new DataInputStream(new ByteArrayInputStream(bytes, 0, bytes.length - 8));
        if (in.readInt() != MAGIC) {
            return null;
        }
        int count = in.readInt();
        Map<String, byte[]> entries = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            String path = in.readUTF();
            byte[] body = new byte[in.readInt()];
            in.readFully(body);
            entries.put(path, body);
        }
        return entries;
    }

    /** An entry's body: the blob, the distinct commits and original paths, then the ranges by index. */
    private static byte[] encode(Entry entry) throws IOException {
        List<String> commits = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        Map<String, Integer> commitIndex = new HashMap<>();
        Map<String, Integer> pathIndex = new HashMap<>();
        for (BlameRange range : entry.ranges()) {
            commitIndex.computeIfAbsent(range.sha(), sha -> {
                commits.add(sha);
                return commits.size() - 1;
            });
            pathIndex.computeIfAbsent(range.origPath(), p -> {
                paths.add(p);
                return paths.size() - 1;
            });
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 20 * commits.size() + 20 * entry.ranges().size());
        DataOutputStream out = new DataOutputStream(bytes);
        writeId(out, entry.blob());
        out.writeInt(commits.size());
        for (String sha : commits) {
            writeId(out, ObjectId.fromString(sha));
        }
        out.writeInt(paths.size());
        for (String path : paths) {
            out.writeUTF(path);
        }
        out.writeInt(entry.ranges().size());
        for (BlameRange range : entry.ranges()) {
            out.writeInt(range.start());
            out.writeInt(range.count());
            out.writeInt(commitIndex.get(range.sha()));
            out.writeInt(pathIndex.get(range.origPath()));
            out.writeInt(range.origStart());
        }
        return bytes.toByteArray();
    }

    /** @return the ranges, or null when the entry is for another blob or its ranges are not contiguous from line 1 */
    private static List<BlameRange> decode(byte[] body, ObjectId blob) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(body));
        if (!readId(in).equals(blob)) {
            return null;
        }
        String[] commits = new String[in.readInt()];
        for (int i = 0; i < commits.length; i++) {
            commits[i] = readId(in).name();
        }
        String[] paths = new String[in.readInt()];
        for (int i = 0; i < paths.length; i++) {
            paths[i] = in.readUTF();
        }
        int count = in.readInt();
        List<BlameRange> ranges = new ArrayList<>(count);
        int next = 1;
        for (int i = 0; i < count; i++) {
            int start = in.readInt();
            int lines = in.readInt();
            BlameRange range = new BlameRange(start, lines, commits[in.readInt()], paths[in.readInt()], in.readInt());
            if (start != next || lines <= 0) {
                return null;
            }
            next = start + lines;
            ranges.add(range);
        }
        return ranges;
    }

    private static void writeId(DataOutputStream out, ObjectId id) throws IOException {
        byte[] raw = new byte[20];
        id.copyRawTo(raw, 0);
        out.write(raw);
    }

    private static ObjectId readId(DataInputStream in) throws IOException {
        byte[] raw = new byte[20];
        in.readFully(raw);
        return ObjectId.fromRaw(raw);
    }

    private static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(temp, bytes);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static String readTip(Path dir) {
        try {
            return Files.readString(dir.resolve("tip"), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return null;
        }
    }

    /** @return false when something could not be deleted */
    private static boolean wipe(Path dir) {
        if (!Files.exists(dir)) {
            return true;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.warnf("cannot empty %s: %s", dir, e.getMessage());
            return false;
        }
    }
}
