package io.decisionlog.blame.bench;

import io.decisionlog.blame.git.Clones;
import io.decisionlog.blame.git.CommitRecords;
import io.decisionlog.blame.git.TestRemotes;
import io.decisionlog.blame.history.FileBlame;
import io.decisionlog.blame.history.RepositoryBlame;
import io.decisionlog.blame.sync.PublishedBlames;
import io.decisionlog.blame.sync.PublishedTags;
import io.decisionlog.blame.sync.RepoSync;
import io.decisionlog.blame.sync.RepoTracker;
import io.decisionlog.blame.sync.SyncStatus;
import io.decisionlog.deploy.local.KafkaBroker;
import io.decisionlog.deploy.local.Ports;
import io.decisionlog.deploy.local.ScratchDirs;
import io.decisionlog.deploy.local.TopicSnapshot;
import io.decisionlog.events.BlameFile;
import io.decisionlog.events.ClientConfigs;
import io.decisionlog.events.DecisionIds;
import io.decisionlog.events.Keys;
import io.decisionlog.events.TopicAdmin;
import io.decisionlog.events.Topics;
import io.decisionlog.events.TrackedRepo;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Push latency, as the service sees it: a real broker (deploy/local's {@link KafkaBroker}), the service's
 * {@link RepoTracker} and {@link RepoSync} on a copy of a real repository, then pushes of one commit touching a
 * few files each. Never writes to the given clone: the "remote" is a new bare repository in a temporary directory
 * that borrows its objects (git alternates) and gets the new commits; the service's clone starts as a copy of its
 * packs with the branch only. Everything (broker included) is stopped and deleted at the end.
 *
 * <ol>
 *   <li>the first sync blames every file at the tip and publishes it (as a registration does);</li>
 *   <li>each push: a commit on top of the remote's tip that changes, adds and removes a few lines in FILES existing
 *   text files (fixed seeds: the same edits on every run); the service's clone fetches it (timed apart: "new tip
 *   fetched"), then a sync is requested and timed until the tracker reports the new tip synced — every commit
 *   and blame record computed, published, acknowledged, and the new tip acknowledged on the repos topic;</li>
 *   <li>at the end, the published blame of every file a push touched is compared with a from-scratch blame.</li>
 * </ol>
 *
 * <pre>java -cp … io.decisionlog.blame.bench.PushBench GIT_DIR [PUSHES] [FILES] [WARMUP]</pre>
 */
public final class PushBench {
    private PushBench() {
    }

    public static void main(String[] args) throws Exception {
        Path mirror = Path.of(args[0]).toAbsolutePath();
        int pushes = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        int filesPerPush = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        Path tmp = Files.createTempDirectory("push-bench-");
        String name = mirror.getFileName().toString().equals("repo") ? mirror.getParent().getFileName().toString()
                : mirror.getFileName().toString();
        String repo = "bench/" + name.replaceAll("[^A-Za-z0-9_.-]", "-");
        ExecutorService syncThread = Executors.newSingleThreadExecutor();
        KafkaBroker broker = null;
        KafkaProducer<String, byte[]> producer = null;
        try {
            String branch;
            ObjectId tip;
            try (Repository source = new FileRepositoryBuilder().setGitDir(mirror.toFile()).setMustExist(true).build()) {
                branch = Repository.shortenRefName(source.exactRef(Constants.HEAD).getTarget().getName());
                tip = source.resolve(Constants.HEAD);
            }
            Path upstream = tmp.resolve("upstream.git");
            Path dataDir = tmp.resolve("data");
            Path clone = dataDir.resolve("repos").resolve(URLEncoder.encode(repo, StandardCharsets.UTF_8) + ".git");
            borrow(mirror, upstream, branch, tip);
            // the service's clone starts with the tip already there (a copy of the packs, one ref): the first fetch
            // finds nothing new instead of packing the whole repository, which is not what is measured. Not
            // alternates: a fetch sends the alternates' refs as haves (thousands here), which a real clone has not
            copyPacks(mirror, clone, branch, tip);

            long started = System.nanoTime();
            broker = KafkaBroker.start(tmp.resolve("kafka"), Ports.free(), Ports.free());
            TopicAdmin.ensureTopics(broker.bootstrapServers(), List.of(Topics.COMMITS, Topics.BLAME, Topics.REPOS), (short) 1);
            System.out.printf("broker %s up in %d ms%n", broker.bootstrapServers(), millisSince(started));
            producer = new KafkaProducer<>(producerConfig(broker.bootstrapServers()));
            Clones clones = TestRemotes.clones(dataDir.resolve("repos"));
            RepoSync sync = serviceSync(clones, dataDir);
            RepoTracker tracker = new RepoTracker(sync, producer, syncThread);
            tracker.takeOver(List.of());

            started = System.nanoTime();
            tracker.register(new TrackedRepo(repo, upstream.toString(), branch, List.of(), List.of(), null, null), true);
            SyncStatus first = awaitSynced(tracker, repo, tip.name(), Duration.ofMinutes(30));
            System.out.printf("%s: first sync (%s) of %s: %d files, %d skipped, %d records, %d ms; local copy of the "
                            + "published blame: %s%n", repo, first.mode(), tip.name().substring(0, 12), first.filesTotal(),
                    first.skipped().size(), first.recordsPublished(), millisSince(started), sizeOf(dataDir.resolve("blame")));

            List<Long> syncMillis = new ArrayList<>();
            List<Long> totalMillis = new ArrayList<>();
            Set<String> touched = new LinkedHashSet<>();
            ObjectId head = tip;
            for (int push = 0; push < warmup + pushes; push++) {
                List<String> paths;
                try (Repository remote = open(upstream)) {
                    paths = textFiles(remote, head, new Random(1000 + push), filesPerPush);
                    head = pushCommit(remote, branch, head, paths, new Random(2000 + push), push);
                }
                touched.addAll(paths);
                long t0 = System.nanoTime();
                ObjectId fetched = clones.fetch(repo, upstream.toString(), branch);
                long fetchMs = millisSince(t0);
                if (!fetched.equals(head)) {
                    throw new IllegalStateException("fetched " + fetched.name() + ", pushed " + head.name());
                }
                long t1 = System.nanoTime();
                tracker.requestSync(repo);
                SyncStatus status = awaitSynced(tracker, repo, head.name(), Duration.ofMinutes(10));
                long syncMs = millisSince(t1);
                boolean counted = push >= warmup;
                if (counted) {
                    syncMillis.add(syncMs);
                    totalMillis.add(fetchMs + syncMs);
                }
                System.out.printf("push %d%s: %s, %d files; fetch %d ms, then sync %d ms (%s, %d records, in the tracker %d ms)%n",
                        push, counted ? "" : " (warm-up)", head.name().substring(0, 12), paths.size(), fetchMs, syncMs,
                        status.mode(), status.recordsPublished(), status.lastSyncMillis());
                status.skipped().forEach(file -> System.out.printf("  skipped %s: %s%n", file.path(), file.reason()));
            }
            System.out.printf("%s: %d pushes of one commit touching %d files: new tip fetched -> published and acknowledged: "
                            + "median %d ms (min %d, max %d); with the fetch: median %d ms; load average %s%n",
                    repo, pushes, filesPerPush, median(syncMillis), min(syncMillis), max(syncMillis), median(totalMillis),
                    loadAverage());

            if (!"false".equals(System.getProperty("bench.verify"))) {
                verify(broker.bootstrapServers(), clones, repo, head, touched);
            }
        } finally {
            syncThread.shutdownNow();
            if (producer != null) {
                producer.close(Duration.ofSeconds(10));
            }
            if (broker != null) {
                broker.close();
            }
            ScratchDirs.deleteRecursively(tmp);
        }
    }

    /** What the service's wiring builds (BlameBeans, default settings), with the bench's data directory. */
    private static RepoSync serviceSync(Clones clones, Path dataDir) {
        return new RepoSync(clones, new PublishedBlames(dataDir.resolve("blame")), new CommitRecords(DecisionIds.defaults()),
                new PublishedTags(dataDir.resolve("tags")), 1_048_576, Duration.ofSeconds(30), Clock.systemUTC());
    }

    /** The published blame of every file the pushes touched equals a from-scratch blame of the final tip. */
    private static void verify(String bootstrap, Clones clones, String repo, ObjectId head, Set<String> paths)
            throws IOException {
        long started = System.nanoTime();
        Set<String> keys = paths.stream().map(path -> Keys.blame(repo, path)).collect(Collectors.toSet());
        Map<String, BlameFile> published = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : TopicSnapshot.records(bootstrap, Topics.BLAME.name(), keys::contains)) {
            published.put(record.key(), Topics.BLAME.valueSerde().deserialize("", record.value()));
        }
        Map<String, FileBlame> fromScratch;
        Map<String, List<String>> texts = new HashMap<>();
        try (Repository repository = clones.open(repo); ObjectReader reader = repository.newObjectReader()) {
            fromScratch = new RepositoryBlame(repository, 1_048_576, (d, t) -> { }).blame(head, paths::contains)
                    .files().stream().collect(Collectors.toMap(FileBlame::path, f -> f));
            for (FileBlame file : fromScratch.values()) {
                texts.put(file.path(), file.text(reader));
            }
        }
        int differing = 0;
        for (String path : paths) {
            BlameFile record = published.get(Keys.blame(repo, path));
            FileBlame expected = fromScratch.get(path);
            if (record == null || expected == null || !record.ranges().equals(expected.ranges())
                    || record.text() != null && !record.text().equals(texts.get(path))) {
                differing++;
                System.out.printf("  DIFFERS: %s (published %s)%n", path, record == null ? "nothing" : record.rev());
            }
        }
        System.out.printf("verify: %d of %d touched files' published blame equal a from-scratch blame (%d ms)%n",
                paths.size() - differing, paths.size(), millisSince(started));
        if (differing > 0) {
            throw new IllegalStateException(differing + " files differ");
        }
    }

    /** A bare repository at {@code dir} that reads {@code mirror}'s objects (alternates) with the branch at tip. */
    private static void borrow(Path mirror, Path dir, String branch, ObjectId tip) throws Exception {
        Files.createDirectories(dir);
        Git.init().setBare(true).setGitDir(dir.toFile()).call().close();
        Path mirrorObjects = mirror.resolve("objects").toAbsolutePath();
        Files.writeString(dir.resolve("objects/info/alternates"), mirrorObjects + "\n");
        pointBranchAt(dir, branch, tip);
    }

    /** A bare repository at {@code dir} holding copies of {@code mirror}'s packs, with only the branch at tip. */
    private static void copyPacks(Path mirror, Path dir, String branch, ObjectId tip) throws Exception {
        Files.createDirectories(dir);
        Git.init().setBare(true).setGitDir(dir.toFile()).call().close();
        try (Stream<Path> packs = Files.list(mirror.resolve("objects/pack"))) {
            for (Path pack : packs.filter(p -> p.toString().endsWith(".pack") || p.toString().endsWith(".idx")).toList()) {
                Files.copy(pack, dir.resolve("objects/pack").resolve(pack.getFileName()));
            }
        }
        pointBranchAt(dir, branch, tip);
    }

    /** The branch at {@code tip}, and HEAD on the branch. */
    private static void pointBranchAt(Path dir, String branch, ObjectId tip) throws IOException {
        try (Repository repository = open(dir)) {
            RefUpdate update = repository.updateRef(Constants.R_HEADS + branch);
            update.setNewObjectId(tip);
            update.setForceUpdate(true);
            update.update();
            repository.updateRef(Constants.HEAD).link(Constants.R_HEADS + branch);
        }
    }

    private static Repository open(Path dir) throws IOException {
        return new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).build();
    }

    /** {@code count} distinct text files of the commit, chosen at random: regular, present, under 256 KiB, not binary. */
    private static List<String> textFiles(Repository repository, ObjectId commit, Random random, int count)
            throws IOException {
        List<String> all = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repository); TreeWalk tree = new TreeWalk(repository)) {
            tree.addTree(walk.parseCommit(commit).getTree());
            tree.setRecursive(true);
            while (tree.next()) {
                if (tree.getFileMode(0) == FileMode.REGULAR_FILE || tree.getFileMode(0) == FileMode.EXECUTABLE_FILE) {
                    all.add(tree.getPathString());
                }
            }
        }
        List<String> chosen = new ArrayList<>();
        try (ObjectReader reader = repository.newObjectReader()) {
            while (chosen.size() < count) {
                String path = all.get(random.nextInt(all.size()));
                if (chosen.contains(path)) {
                    continue;
                }
                ObjectId blob = blobAt(repository, reader, commit, path);
                if (blob == null || !reader.has(blob) || reader.getObjectSize(blob, Constants.OBJ_BLOB) > 262_144) {
                    continue;
                }
                byte[] bytes = reader.open(blob).getCachedBytes();
                if (!RawText.isBinary(bytes) && new RawText(bytes).size() >= 3) {
                    chosen.add(path);
                }
            }
        }
        return chosen;
    }

    /** One commit on top of {@code parent}: each file gets 1–3 hunks that change, add or remove a few lines. */
    private static ObjectId pushCommit(Repository repository, String branch, ObjectId parent, List<String> paths,
                                       Random random, int push) throws IOException {
        try (ObjectReader reader = repository.newObjectReader(); ObjectInserter inserter = repository.newObjectInserter();
             RevWalk walk = new RevWalk(reader)) {
            RevCommit parentCommit = walk.parseCommit(parent);
            DirCache index = DirCache.newInCore();
            DirCacheBuilder builder = index.builder();
            builder.addTree(new byte[0], DirCacheEntry.STAGE_0, reader, parentCommit.getTree());
            builder.finish();
            DirCacheEditor editor = index.editor();
            for (String path : paths) {
                byte[] bytes = reader.open(blobAt(repository, reader, parent, path)).getCachedBytes();
                byte[] edited = edit(bytes, random, push);
                while (Arrays.equals(edited, bytes)) {
                    edited = edit(bytes, random, push);
                }
                ObjectId blob = inserter.insert(Constants.OBJ_BLOB, edited);
                FileMode mode = index.getEntry(path).getFileMode();
                editor.add(new DirCacheEditor.PathEdit(path) {
                    @Override
                    public void apply(DirCacheEntry entry) {
                        entry.setFileMode(mode);
                        entry.setObjectId(blob);
                    }
                });
            }
            editor.finish();
            ObjectId tree = index.writeTree(inserter);
            PersonIdent who = new PersonIdent("Push Bench", "bench@example.com", Instant.now(), java.time.ZoneOffset.UTC);
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(tree);
            commit.setParentId(parent);
            commit.setAuthor(who);
            commit.setCommitter(who);
            commit.setMessage("bench push " + push + ": edit " + paths.size() + " files\n");
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            RefUpdate update = repository.updateRef(Constants.R_HEADS + branch);
            update.setExpectedOldObjectId(parent);
            update.setNewObjectId(id);
            RefUpdate.Result result = update.update();
            if (result != RefUpdate.Result.FAST_FORWARD) {
                throw new IllegalStateException("cannot move " + branch + ": " + result);
            }
            return id;
        }
    }

    /** A few lines changed, added and removed, keeping the file's line endings; bytes kept as they are (ISO-8859-1). */
    static byte[] edit(byte[] bytes, Random random, int push) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        String eol = text.contains("\r\n") ? "\r\n" : "\n";
        boolean finalEol = text.endsWith("\n");
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\r?\n", -1)));
        if (finalEol) {
            lines.remove(lines.size() - 1);
        }
        int hunks = 1 + random.nextInt(3);
        for (int h = 0; h < hunks; h++) {
            int at = random.nextInt(lines.size() + 1);
            switch (random.nextInt(3)) {
                case 0 -> {
                    for (int i = at; i < Math.min(lines.size(), at + 1 + random.nextInt(2)); i++) {
                        lines.set(i, lines.get(i) + " (edited in push " + push + ")");
                    }
                }
                case 1 -> {
                    for (int i = 0; i < 1 + random.nextInt(3); i++) {
                        lines.add(at, "added in push " + push + ", hunk " + h + ", line " + i);
                    }
                }
                default -> {
                    for (int i = 0; i < 1 + random.nextInt(2) && at < lines.size() && lines.size() > 1; i++) {
                        lines.remove(at);
                    }
                }
            }
        }
        String joined = String.join(eol, lines) + (finalEol ? eol : "");
        return joined.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static ObjectId blobAt(Repository repository, ObjectReader reader, ObjectId commit, String path)
            throws IOException {
        try (RevWalk walk = new RevWalk(reader);
             TreeWalk tree = TreeWalk.forPath(repository, path, walk.parseCommit(commit).getTree())) {
            return tree == null ? null : tree.getObjectId(0);
        }
    }

    private static SyncStatus awaitSynced(RepoTracker tracker, String repo, String tip, Duration limit)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            SyncStatus status = tracker.status(repo).orElseThrow();
            if ("failed".equals(status.state())) {
                throw new IllegalStateException("sync failed: " + status.errors());
            }
            if (tip.equals(status.tip()) && "synced".equals(status.state())) {
                return status;
            }
            Thread.sleep(1);
        }
        throw new IllegalStateException(repo + " not synced to " + tip + " within " + limit);
    }

    private static Map<String, Object> producerConfig(String bootstrap) {
        // as BlameBeans configures the service's producer
        Map<String, Object> config = ClientConfigs.durableProducer(bootstrap, "push-bench");
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 262_144);
        return config;
    }

    /** Files and bytes under a directory. */
    private static String sizeOf(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return "none";
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            List<Path> files = paths.filter(Files::isRegularFile).toList();
            long bytes = 0;
            for (Path file : files) {
                bytes += Files.size(file);
            }
            return String.format("%d files, %.1f MB", files.size(), bytes / 1e6);
        }
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static long min(List<Long> values) {
        return values.stream().min(Comparator.naturalOrder()).orElse(0L);
    }

    private static long max(List<Long> values) {
        return values.stream().max(Comparator.naturalOrder()).orElse(0L);
    }
}
