package io.decisionlog.blame.sync;

import io.decisionlog.blame.git.Clones;
import io.decisionlog.blame.git.IgnoreRevs;
import io.decisionlog.blame.git.CommitRecords;
import io.decisionlog.blame.git.Signatures;
import io.decisionlog.blame.git.TestRemotes;
import io.decisionlog.blame.history.FileBlame;
import io.decisionlog.blame.history.RepositoryBlame;
import io.decisionlog.blame.history.Skipped;
import io.decisionlog.blame.history.TestHistory;
import io.decisionlog.deploy.local.ScratchDirs;
import io.decisionlog.events.BlameFile;
import io.decisionlog.events.BlameRange;
import io.decisionlog.events.CommitSignature;
import io.decisionlog.events.DecisionIds;
import io.decisionlog.events.GitCommit;
import io.decisionlog.events.Topics;
import io.decisionlog.events.TrackedRepo;
import io.decisionlog.events.kafka.AckedBatch;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Syncs without a broker (a MockProducer stands for Kafka): pushes carried forward from the local copy of the
 * published blame, merges, a lost copy, a force-push — after each, what was published equals a full blame of the
 * tip — and a file over the time limit skipped with the reason while the sync goes on.
 */
class RepoSyncTest {
    private static final String REPO = "acme/payments";

    @TempDir
    Path dir;

    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());

    @Test
    void shouldCarryThePublishedBlameForwardAndEqualAFullBlameAfterEveryPush() throws Exception {
        Random random = new Random(11);
        Path blameCopy = dir.resolve("data/blame");
        RepoSync sync = sync(blameCopy, Duration.ofSeconds(30));
        try (TestHistory remote = TestHistory.bare(dir.resolve("remote.git"))) {
            Map<String, String> files = new LinkedHashMap<>();
            for (int f = 0; f < 8; f++) {
                files.put("config/file" + f + ".yaml", TestHistory.lines(random, 10 + random.nextInt(30)));
            }
            ObjectId head = remote.commit("initial", files);
            remote.moveBranch("main", head);
            TrackedRepo repo = new TrackedRepo(REPO, dir.resolve("remote.git").toString(), "main", List.of(), List.of(),
                    null, null);
            RepoSync.Outcome outcome = run(sync, repo);
            assertThat(outcome.mode()).isEqualTo("full");
            assertPublishedEqualsFullBlame(head);

            List<String> modes = new ArrayList<>();
            for (int push = 0; push < 12; push++) {
                if (push == 8) {
                    ScratchDirs.delete(blameCopy); // lost: the next push blames its files through the history
                }
                if (push % 4 == 3) {
                    // a branch forked from the published tip, merged with a merge commit
                    Map<String, String> fork = new LinkedHashMap<>(files);
                    Map<String, String> side = new LinkedHashMap<>(files);
                    TestHistory.mutate(side, random);
                    ObjectId sideTip = remote.commit("side " + push, side, head);
                    TestHistory.mutate(files, random);
                    ObjectId mainline = remote.commit("main " + push, files, head);
                    side.forEach((path, content) -> {
                        if (!content.equals(fork.get(path))) {
                            files.put(path, content); // what the side branch changed
                        }
                    });
                    head = remote.commit("merge " + push, files, mainline, sideTip);
                } else {
                    for (int c = 0; c < 1 + random.nextInt(3); c++) {
                        TestHistory.mutate(files, random);
                        head = remote.commit("push " + push + " change " + c, files, head);
                    }
                }
                remote.moveBranch("main", head);
                outcome = run(sync, outcome.reached());
                modes.add(outcome.mode());
                assertThat(outcome.reached().tip()).isEqualTo(head.name());
                assertPublishedEqualsFullBlame(head);
            }
            assertThat(modes).allSatisfy(mode -> assertThat(mode).startsWith("incremental"));
            assertThat(modes.get(0)).endsWith(" 0 blamed through the history)");
            assertThat(modes.get(3)).as("a merge of a branch forked from the published tip")
                    .endsWith(" 0 blamed through the history)");
            assertThat(modes.get(8)).as("the local copy lost").startsWith("incremental (0 files carried forward");

            // a force-push: everything blamed again, the copy rebuilt
            ObjectId rewritten = remote.commit("rewritten", Map.of("config/only.yaml", "a: 1\nb: 2\n"));
            remote.moveBranch("main", rewritten);
            outcome = run(sync, outcome.reached());
            assertThat(outcome.mode()).startsWith("full (force-push");
            Map<String, BlameFile> published = publishedBlame();
            assertThat(published).containsOnlyKeys("config/only.yaml");
            try (Stream<Path> buckets = Files.list(blameCopy.resolve("acme%2Fpayments"))) {
                assertThat(buckets.filter(p -> p.getFileName().toString().startsWith("bucket-")).count())
                        .as("the copy emptied, then only the one file published").isEqualTo(1);
            }
            ObjectId only = TestHistory.blobAt(remote.repository, rewritten, "config/only.yaml");
            assertThat(new PublishedBlames(blameCopy).open(REPO, rewritten.name()).lookup("config/only.yaml", only))
                    .containsExactly(new BlameRange(1, 2, rewritten.name(), "config/only.yaml", 1));
        }
    }

    @Test
    void shouldReblameAFileChangedAndChangedBackWithinOnePush() throws Exception {
        RepoSync sync = sync(dir.resolve("data/blame"), Duration.ofSeconds(30));
        try (TestHistory remote = TestHistory.bare(dir.resolve("remote.git"))) {
            ObjectId first = remote.commit("first", Map.of("a.yaml", "a: 1\nb: 2\nc: 3\n", "b.yaml", "x: 1\n"));
            remote.moveBranch("main", first);
            RepoSync.Outcome outcome = run(sync, new TrackedRepo(REPO, dir.resolve("remote.git").toString(), "main",
                    List.of(), List.of(), null, null));
            // one push: b: 2 becomes 20, then 2 again — same content as published, but git blames the revert
            ObjectId change = remote.commit("b: 20", Map.of("a.yaml", "a: 1\nb: 20\nc: 3\n", "b.yaml", "x: 1\n"), first);
            ObjectId revert = remote.commit("Revert b: 20", Map.of("a.yaml", "a: 1\nb: 2\nc: 3\n", "b.yaml", "x: 2\n"), change);
            remote.moveBranch("main", revert);

            outcome = run(sync, outcome.reached());

            assertThat(outcome.mode()).isEqualTo("incremental (2 files carried forward from the published blame, "
                    + "0 blamed through the history)");
            assertThat(publishedBlame().get("a.yaml").ranges()).extracting(BlameRange::sha)
                    .containsExactly(first.name(), revert.name(), first.name());
            assertPublishedEqualsFullBlame(revert);
        }
    }

    @Test
    void shouldSkipAFileOverTheTimeLimitWithTheReasonAndPublishTheOthers() throws Exception {
        RepoSync sync = sync(dir.resolve("data/blame"), Duration.ofNanos(1));
        try (TestHistory remote = TestHistory.bare(dir.resolve("remote.git"))) {
            Map<String, String> files = new LinkedHashMap<>();
            files.put("static.yaml", "never: changed\n");
            files.put("busy.yaml", "a: 0\n");
            ObjectId head = remote.commit("initial", files);
            for (int version = 1; version <= 20; version++) {
                files.put("busy.yaml", files.get("busy.yaml") + "a" + version + ": " + version + "\n");
                head = remote.commit("version " + version, files, head);
            }
            remote.moveBranch("main", head);

            RepoSync.Outcome outcome = run(sync, new TrackedRepo(REPO, dir.resolve("remote.git").toString(), "main",
                    List.of(), List.of(), null, null));

            assertThat(outcome.skipped()).containsExactly(new Skipped("busy.yaml", "blame took longer than 1ns"));
            assertThat(outcome.reached().tip()).isEqualTo(head.name());
            assertThat(publishedBlame()).containsOnlyKeys("static.yaml");
        }
    }

    @Test
    void shouldHonourTheIgnoreRevsFileAndBlameEverythingAgainWhenItChanges() throws Exception {
        RepoSync sync = sync(dir.resolve("data/blame"), Duration.ofSeconds(30));
        try (TestHistory remote = TestHistory.bare(dir.resolve("remote.git"))) {
            ObjectId first = remote.commit("first", Map.of("a.yaml", "timeout: 30s\nretries: 5\n"));
            ObjectId reformat = remote.commit("reformat", Map.of("a.yaml", "timeout:   30s\nretries:   5\nadded: by reformat\n"),
                    first);
            ObjectId ignoring = remote.commit("ignore the reformat", Map.of("a.yaml",
                    "timeout:   30s\nretries:   5\nadded: by reformat\n", IgnoreRevs.FILE, "# formatting\n" + reformat.name()
                            + "\nnot-a-sha\n"), reformat);
            remote.moveBranch("main", ignoring);
            RepoSync.Outcome outcome = run(sync, new TrackedRepo(REPO, dir.resolve("remote.git").toString(), "main",
                    List.of(), List.of(), null, null));

            assertThat(outcome.mode()).isEqualTo("full; ignoring 1 revision (left out: " + IgnoreRevs.FILE
                    + " line 3: 'not-a-sha' is not a full commit sha)");
            assertThat(publishedBlame().get("a.yaml").ranges()).containsExactly(
                    new BlameRange(1, 2, first.name(), "a.yaml", 1),
                    new BlameRange(3, 1, reformat.name(), "a.yaml", 3, true));

            ObjectId unignoring = remote.commit("stop ignoring", Map.of("a.yaml",
                    "timeout:   30s\nretries:   5\nadded: by reformat\n", IgnoreRevs.FILE, "# nothing\n"), ignoring);
            remote.moveBranch("main", unignoring);
            outcome = run(sync, outcome.reached());

            assertThat(outcome.mode()).isEqualTo("full (" + IgnoreRevs.FILE + " changed)");
            assertThat(publishedBlame().get("a.yaml").ranges()).containsExactly(
                    new BlameRange(1, 3, reformat.name(), "a.yaml", 1));
            assertPublishedEqualsFullBlame(unignoring);
        }
    }

    @Test
    void shouldPublishTheCommitsASignedTagCoversAgainWhenTheTagComes() throws Exception {
        Path keys = dir.resolve("keys");
        Files.createDirectories(keys);
        cli(keys, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "li.wei", "-f", keys.resolve("steward").toString());
        Path allowedSigners = keys.resolve("allowed_signers");
        Files.writeString(allowedSigners, "li.wei@acme.example namespaces=\"git\" "
                + Files.readString(keys.resolve("steward.pub")).strip() + "\n");
        RepoSync sync = new RepoSync(TestRemotes.clones(dir.resolve("data/repos")),
                new PublishedBlames(dir.resolve("data/blame")),
                new CommitRecords(DecisionIds.defaults(), new Signatures(allowedSigners, null)),
                new PublishedTags(dir.resolve("data/tags")), 1_048_576, Duration.ofSeconds(30), Clock.systemUTC());
        Path remoteDir = dir.resolve("remote.git");
        try (TestHistory remote = TestHistory.bare(remoteDir)) {
            ObjectId head = null;
            for (int c = 0; c < 3; c++) {
                head = c == 0 ? remote.commit("c0", Map.of("a.yaml", "a: 0\n"))
                        : remote.commit("c" + c, Map.of("a.yaml", "a: " + c + "\n"), head);
            }
            remote.moveBranch("main", head);
            TrackedRepo repo = new TrackedRepo(REPO, remoteDir.toString(), "main", List.of(), List.of(), null, null);
            RepoSync.Outcome outcome = run(sync, repo);
            assertThat(publishedCommits().values()).hasSize(3)
                    .allSatisfy(commit -> assertThat(commit.signature()).isEqualTo(CommitSignature.UNSIGNED));

            // the release is tagged and signed after its commits were published: they are published again, and only they
            cli(remoteDir, "git", "-c", "gpg.format=ssh", "-c", "user.signingkey=" + keys.resolve("steward.pub"),
                    "-c", "user.name=Li Wei", "-c", "user.email=li.wei@acme.example", "tag", "-s", "v1.0", "-m",
                    "release v1.0", head.name());
            producer.clear();
            outcome = run(sync, outcome.reached());
            assertThat(outcome.mode()).isEqualTo("signed tags changed: 3 commits published again");
            assertThat(producer.history()).allSatisfy(record -> assertThat(record.topic()).isEqualTo(Topics.COMMITS.name()));
            assertThat(publishedCommits().values()).hasSize(3).allSatisfy(commit -> {
                assertThat(commit.signature().status()).isEqualTo(CommitSignature.Status.VERIFIED);
                assertThat(commit.signature().tag()).isEqualTo("v1.0");
            });

            producer.clear();
            assertThat(run(sync, outcome.reached()).mode()).isEqualTo("up to date");
            assertThat(producer.history()).isEmpty();

            ObjectId next = remote.commit("c3", Map.of("a.yaml", "a: 3\n"), head);
            remote.moveBranch("main", next);
            outcome = run(sync, outcome.reached());
            assertThat(outcome.mode()).startsWith("incremental");
            assertThat(publishedCommits()).containsOnlyKeys(next.name());
            assertThat(publishedCommits().get(next.name()).signature()).isEqualTo(CommitSignature.UNSIGNED);

            // the local record of what was published lost: the covered commits are published again, as they were
            ScratchDirs.delete(dir.resolve("data/tags"));
            producer.clear();
            assertThat(run(sync, outcome.reached()).mode()).isEqualTo("signed tags changed: 3 commits published again");
        }
    }

    /** The latest commit record per sha sent since the producer was last cleared. */
    private Map<String, GitCommit> publishedCommits() {
        Map<String, GitCommit> latest = new HashMap<>();
        for (ProducerRecord<String, byte[]> record : producer.history()) {
            if (record.topic().equals(Topics.COMMITS.name())) {
                GitCommit commit = Topics.COMMITS.valueSerde().deserialize("", record.value());
                latest.put(commit.sha(), commit);
            }
        }
        return latest;
    }

    private static void cli(Path in, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(in.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as("%s: %s", String.join(" ", command), output).isZero();
    }

    private RepoSync sync(Path blameCopy, Duration fileTimeLimit) {
        Clones clones = TestRemotes.clones(dir.resolve("data/repos"));
        return new RepoSync(clones, new PublishedBlames(blameCopy), new CommitRecords(DecisionIds.defaults()),
                new PublishedTags(blameCopy.resolveSibling("tags")), 1_048_576, fileTimeLimit, Clock.systemUTC());
    }

    private RepoSync.Outcome run(RepoSync sync, TrackedRepo repo) throws Exception {
        AckedBatch batch = new AckedBatch(producer, Duration.ofMinutes(2));
        return sync.run(repo, new SyncProgress(REPO, () -> true), batch, reached -> {
            batch.send(Topics.REPOS, REPO, reached);
            batch.await();
            return true;
        });
    }

    private void assertPublishedEqualsFullBlame(ObjectId tip) throws Exception {
        Map<String, FileBlame> full;
        Map<String, List<String>> texts = new HashMap<>();
        try (Repository clone = TestRemotes.clones(dir.resolve("data/repos")).open(REPO);
             ObjectReader reader = clone.newObjectReader()) {
            full = new RepositoryBlame(clone, 1_048_576, (done, total) -> { }).blame(tip, path -> true).files()
                    .stream().collect(Collectors.toMap(FileBlame::path, f -> f));
            for (FileBlame file : full.values()) {
                texts.put(file.path(), file.text(reader));
            }
        }
        Map<String, BlameFile> published = publishedBlame();
        assertThat(published.keySet()).as("at %s", tip.name()).isEqualTo(full.keySet());
        full.forEach((path, blame) -> {
            assertThat(published.get(path).ranges()).as(path).isEqualTo(blame.ranges());
            assertThat(published.get(path).text()).as(path).isEqualTo(texts.get(path));
        });
    }

    /** The latest blame record per path, as a compacted topic would hold it. */
    private Map<String, BlameFile> publishedBlame() {
        Map<String, BlameFile> latest = new HashMap<>();
        for (ProducerRecord<String, byte[]> record : producer.history()) {
            if (record.topic().equals(Topics.BLAME.name())) {
                String path = record.key().substring(REPO.length() + 1);
                if (record.value() == null) {
                    latest.remove(path);
                } else {
                    latest.put(path, Topics.BLAME.valueSerde().deserialize("", record.value()));
                }
            }
        }
        return latest;
    }
}
