package io.decisionlog.minutes.bench;

import io.decisionlog.deploy.local.KafkaBroker;
import io.decisionlog.deploy.local.Ports;
import io.decisionlog.deploy.local.ScratchDirs;
import io.decisionlog.events.TopicAdmin;
import io.decisionlog.events.Topics;
import io.decisionlog.kit.git.GitRemotes;
import io.decisionlog.kit.kafka.KafkaClients;
import io.decisionlog.minutes.parse.MinutesParser;
import io.decisionlog.minutes.publish.KafkaPublisher;
import io.decisionlog.minutes.sync.MirrorDirs;
import io.decisionlog.minutes.sync.Registration;
import io.decisionlog.minutes.sync.SourceRegistry;
import io.decisionlog.minutes.sync.SourceSync;
import io.decisionlog.minutes.sync.SyncReport;
import io.decisionlog.minutes.wiring.MinutesBeans;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sync time of a large minutes repository against a real broker: FILES files of three decisions each (default
 * 10,000 files, 30,000 decisions), the initial sync of a fresh source, then one-file changes re-synced one by one.
 * Not a test (Surefire does not run it); see minutes-ingester/README.md for the command.
 *
 * <pre>java -cp … io.decisionlog.minutes.bench.MinutesSyncBench [FILES] [INITIAL_RUNS] [RESYNC_RUNS]</pre>
 */
public final class MinutesSyncBench {
    private static final int DECISIONS_PER_FILE = 3;

    private MinutesSyncBench() {
    }

    public static void main(String[] args) throws Exception {
        int files = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int initialRuns = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int resyncRuns = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        Path dir = Files.createTempDirectory("minutes-bench-");
        long t0 = System.nanoTime();
        Path repoDir = dir.resolve("minutes.git");
        try (Repository repo = Git.init().setBare(true).setGitDir(repoDir.toFile()).setInitialBranch("main").call().getRepository()) {
            TreeMap<String, ObjectId> tree = generate(repo, files);
            System.out.printf("generated %d files / %d decisions in %d ms%n", files, files * DECISIONS_PER_FILE, ms(t0));
            try (KafkaBroker broker = KafkaBroker.start(dir.resolve("kafka"), Ports.free(), Ports.free());
                 KafkaProducer<String, byte[]> producer = new KafkaClients(Map.of("bootstrap.servers", broker.bootstrapServers())).durableProducer("bench", MinutesBeans.PRODUCER_TUNING)) {
                System.out.println(TopicAdmin.ensureTopics(broker.bootstrapServers(),
                        List.of(Topics.MINUTES, Topics.MINUTES_REJECTED, Topics.MINUTES_SOURCES, Topics.MINUTES_FILES), (short) 1));
                SourceRegistry registry = new SourceRegistry(new SourceSync(MinutesParser.defaults(),
                        new MirrorDirs(dir.resolve("mirrors")), GitRemotes.local(List.of(Path.of("/")), Duration.ofSeconds(60)), Clock.systemUTC()),
                        new KafkaPublisher(producer, Duration.ofSeconds(120)), Clock.systemUTC());
                List<Long> initial = new ArrayList<>();
                String source = null;
                for (int run = 0; run < initialRuns; run++) {
                    source = "bench/minutes-" + run;
                    registry.register(new Registration(source, repoDir.toString(), "main", null), true);
                    long started = System.nanoTime();
                    SyncReport report = registry.sync(source).orElseThrow();
                    initial.add(ms(started));
                    System.out.printf("initial sync %d: %d ms (%s)%n", run + 1, initial.get(run), report.summary());
                    check(report.decisionsPublished() == files * DECISIONS_PER_FILE, "every decision published: " + report);
                }
                List<Long> resync = new ArrayList<>();
                for (int run = 0; run < resyncRuns; run++) {
                    String path = pathOf(run * 7 % files);
                    changeOne(repo, tree, path, run);
                    long started = System.nanoTime();
                    SyncReport report = registry.sync(source).orElseThrow();
                    resync.add(ms(started));
                    System.out.printf("one-file re-sync %d: %d ms (%s)%n", run + 1, resync.get(run), report.summary());
                    check(report.filesRead() == 1 && report.decisionsPublished() == 1, "exactly one change: " + report);
                }
                System.out.printf("%nRESULT files=%d decisions=%d initial_sync_median_ms=%d (runs %s) one_file_resync_median_ms=%d (runs %s)%n",
                        files, files * DECISIONS_PER_FILE, median(initial), initial, median(resync), resync);
            }
        } finally {
            ScratchDirs.deleteRecursively(dir);
        }
    }

    /** Writes the blobs, one tree and one commit straight into the object database: no working tree, seconds not minutes. */
    private static TreeMap<String, ObjectId> generate(Repository repo, int files) throws Exception {
        TreeMap<String, ObjectId> tree = new TreeMap<>();
        try (ObjectInserter inserter = repo.newObjectInserter()) {
            for (int f = 0; f < files; f++) {
                tree.put(pathOf(f), inserter.insert(Constants.OBJ_BLOB, minutes(f, 0).getBytes(StandardCharsets.UTF_8)));
            }
            commit(repo, inserter, tree, "10,000 meetings");
        }
        return tree;
    }

    private static String pathOf(int f) {
        return String.format("minutes/%d/%02d/meeting-%05d.yaml", 2000 + f / 1000, f % 12 + 1, f);
    }

    private static void changeOne(Repository repo, TreeMap<String, ObjectId> tree, String path, int version) throws Exception {
        int f = Integer.parseInt(path.substring(path.length() - 10, path.length() - 5));
        try (ObjectInserter inserter = repo.newObjectInserter()) {
            tree.put(path, inserter.insert(Constants.OBJ_BLOB, minutes(f, version + 1).getBytes(StandardCharsets.UTF_8)));
            commit(repo, inserter, tree, "edit " + path);
        }
    }

    private static void commit(Repository repo, ObjectInserter inserter, TreeMap<String, ObjectId> files, String message)
            throws Exception {
        DirCache index = DirCache.newInCore();
        DirCacheBuilder builder = index.builder();
        files.forEach((path, blob) -> {
            DirCacheEntry entry = new DirCacheEntry(path);
            entry.setFileMode(FileMode.REGULAR_FILE);
            entry.setObjectId(blob);
            builder.add(entry);
        });
        builder.finish();
        ObjectId treeId = index.writeTree(inserter);
        CommitBuilder commit = new CommitBuilder();
        commit.setTreeId(treeId);
        ObjectId parent = repo.resolve("refs/heads/main");
        if (parent != null) {
            commit.setParentId(parent);
        }
        PersonIdent scribe = new PersonIdent("Scribe", "scribe@example.com");
        commit.setAuthor(scribe);
        commit.setCommitter(scribe);
        commit.setMessage(message);
        ObjectId commitId = inserter.insert(commit);
        inserter.flush();
        RefUpdate update = repo.updateRef("refs/heads/main");
        update.setNewObjectId(commitId);
        update.setForceUpdate(true);
        RefUpdate.Result result = update.update();
        check(result != RefUpdate.Result.LOCK_FAILURE && result != RefUpdate.Result.IO_FAILURE, "ref update " + result);
    }

    /** A realistic meeting: three decisions with the fields scribes fill in; {@code version} changes the second one. */
    private static String minutes(int f, int version) {
        StringBuilder yaml = new StringBuilder()
                .append("meeting: Architecture sync ").append(f).append('\n')
                .append("date: ").append(2000 + f / 1000).append('-').append(String.format("%02d", f % 12 + 1)).append("-10\n")
                .append("attendees: [li.wei, zhang.san, wang.wu]\n")
                .append("decisions:\n");
        for (int d = 0; d < DECISIONS_PER_FILE; d++) {
            int n = f * DECISIONS_PER_FILE + d;
            yaml.append("  - id: D-2024-").append(String.format("%05d", n)).append('\n')
                    .append("    title: Decision ").append(n).append(" on payment callback retries\n")
                    .append("    owner: li.wei\n")
                    .append("    status: accepted\n")
                    .append("    topic: payment callback retries\n")
                    .append("    context: P0 alerts from the payment callback path, 23 a day\n")
                    .append("    decision: enable the downgrade switch for 5% of traffic")
                    .append(d == 1 && version > 0 ? " (revision " + version + ")" : "").append('\n')
                    .append("    rationale: keeps checkout up while the callback handler is rewritten\n")
                    .append("    commits: [a9f3c1e]\n");
        }
        return yaml.toString();
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static long ms(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("benchmark invariant broken: " + what);
        }
    }
}
