package io.decisionlog.blame.sync;

import io.decisionlog.blame.history.PreviousBlame;
import io.decisionlog.events.BlameRange;
import org.eclipse.jgit.lib.ObjectId;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

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
    static final int BUCKETS = 256;

    private final Path root;

    public PublishedBlames(Path root) {
        this.root = root;
    }

    /** Forgets the repository's copy (it was unregistered). */
    void delete(String repo) {
        Path dir = root.resolve(URLEncoder.encode(repo, StandardCharsets.UTF_8));
        if (Files.exists(dir) && !wipe(dir)) {
            LOG.warnf("%s: cannot remove the local copy of its published blame under %s", repo, dir);
        }
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
                Map<String, byte[]> entries = BucketFile.read(bucket);
                byte[] entry = entries == null ? null : entries.get(path);
                return entry == null ? null : EntryCodec.decode(entry, blob);
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
                    bucketOf(changed, entry.path(), replaceAll).put(entry.path(), EntryCodec.encode(entry));
                }
                for (Map.Entry<Path, Map<String, byte[]>> bucket : changed.entrySet()) {
                    BucketFile.write(bucket.getKey(), bucket.getValue());
                }
                BucketFile.writeAtomically(dir.resolve("tip"), (tip + "\n").getBytes(StandardCharsets.UTF_8));
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
                entries = fresh ? null : BucketFile.read(bucket);
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
