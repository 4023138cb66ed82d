package io.decisionlog.blame.api;

import io.decisionlog.blame.git.Clones;
import io.decisionlog.blame.git.TestRemotes;
import io.decisionlog.blame.history.FileBlame;
import io.decisionlog.blame.history.RepositoryBlame;
import io.decisionlog.deploy.local.LocalRuntimeResource;
import io.decisionlog.deploy.local.RuntimeTest;
import io.decisionlog.deploy.local.ScratchDirs;
import io.decisionlog.deploy.local.SharedTestRuntime;
import io.decisionlog.deploy.local.TopicSnapshot;
import io.decisionlog.events.BlameFile;
import io.decisionlog.events.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.MergeCommand;
import org.eclipse.jgit.api.MergeResult;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.decisionlog.blame.api.WorkTree.awaitTip;
import static io.decisionlog.blame.api.WorkTree.commit;
import static io.decisionlog.blame.api.WorkTree.write;
import static io.decisionlog.deploy.local.AsAdmin.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * After random pushes, each synced incrementally — most carried forward from the local copy of the published blame,
 * some with a merge commit, one that changes a file and changes it back, one after that copy was lost — what the
 * topic holds equals a from-scratch blame of the tip.
 */
@QuarkusTest
@QuarkusTestResource(LocalRuntimeResource.class)
@RuntimeTest
class IncrementalSyncTest {
    private static final int FILES = 8;
    private static final int PUSHES = 9;
    private static final int MERGE_EVERY = 3;
    private static final int COPY_LOST_BEFORE = 6;
    private static final int CHANGED_BACK = 4;

    @ConfigProperty(name = "decisionlog.data-dir")
    String dataDir;

    @Test
    void shouldPublishAfterRandomPushesWhatAFullBlameOfTheTipSays() throws Exception {
        Random random = new Random(7);
        String repo = "acme/random-" + UUID.randomUUID().toString().substring(0, 8);
        Path work = ScratchDirs.create("blame-random-");
        try (Git git = Git.init().setInitialBranch("main").setDirectory(work.toFile()).call()) {
            for (int f = 0; f < FILES; f++) {
                write(work, "config/file" + f + ".yaml", randomLines(random, 20));
            }
            commit(git, "initial");
            given().contentType(ContentType.JSON).body(Map.of("repo", repo, "url", work.toString()))
                    .post("/api/v1/repos").then().statusCode(202);
            awaitTip(repo, git.getRepository().resolve("HEAD").name());

            List<String> modes = new ArrayList<>();
            for (int push = 0; push < PUSHES; push++) {
                if (push == COPY_LOST_BEFORE) {
                    ScratchDirs.delete(Path.of(dataDir).resolve("blame").resolve(URLEncoder.encode(repo, StandardCharsets.UTF_8)));
                }
                if (push % MERGE_EVERY == MERGE_EVERY - 1) {
                    mergeOfTwoEdits(git, work, random, "side-" + push);
                } else if (push == CHANGED_BACK) {
                    // a file edited and restored within one push: same content, but its lines now belong to the restore
                    Path file = configFiles(work).get(random.nextInt(configFiles(work).size()));
                    List<String> original = Files.readAllLines(file);
                    edit(file, random);
                    commit(git, "push " + push + ": edit " + file.getFileName());
                    Files.write(file, original);
                    commit(git, "push " + push + ": revert " + file.getFileName());
                } else {
                    for (int c = 0; c < 1 + random.nextInt(3); c++) {
                        mutate(work, random);
                        commit(git, "push " + push + " change " + c);
                    }
                }
                String tip = git.getRepository().resolve("HEAD").name();
                given().post("/api/v1/repos/" + repo + "/sync").then().statusCode(202);
                awaitTip(repo, tip);
                modes.add(given().get("/api/v1/repos/" + repo).then().extract().path("mode"));
            }
            assertThat(modes).allSatisfy(mode -> assertThat(mode).startsWith("incremental"));
            assertThat(modes).anySatisfy(mode -> assertThat(mode).matches("incremental \\([1-9]\\d* files? carried forward.*"));
            assertThat(modes.get(COPY_LOST_BEFORE)).as("the local copy lost: through the history")
                    .matches("incremental(| \\(0 files carried forward.*)");

            Map<String, BlameFile> published = latestPerPath(repo);
            Map<String, FileBlame> fromScratch;
            Map<String, List<String>> texts = new HashMap<>();
            try (Repository clone = TestRemotes.clones(Path.of(dataDir).resolve("repos")).open(repo);
                 ObjectReader reader = clone.newObjectReader()) {
                fromScratch = new RepositoryBlame(clone, 1_048_576, (d, t) -> { })
                        .blame(clone.resolve("refs/heads/main"), path -> true).files().stream()
                        .collect(Collectors.toMap(FileBlame::path, f -> f));
                for (FileBlame file : fromScratch.values()) {
                    texts.put(file.path(), file.text(reader));
                }
            }
            assertThat(published.keySet()).isEqualTo(fromScratch.keySet());
            fromScratch.forEach((path, blame) -> {
                assertThat(published.get(path).ranges()).as(path).isEqualTo(blame.ranges());
                assertThat(published.get(path).text()).as(path).isEqualTo(texts.get(path));
            });
        }
    }

    /**
     * A branch from HEAD that edits one file, main editing another meanwhile, and a merge commit (no fast-forward)
     * of the branch into main.
     */
    private static void mergeOfTwoEdits(Git git, Path work, Random random, String branch) throws Exception {
        List<Path> files = configFiles(work);
        Path onSide = files.get(random.nextInt(files.size()));
        Path onMain = files.get((files.indexOf(onSide) + 1) % files.size());
        git.checkout().setCreateBranch(true).setName(branch).call();
        edit(onSide, random);
        commit(git, "edit on " + branch);
        git.checkout().setName("main").call();
        edit(onMain, random);
        commit(git, "edit on main while " + branch);
        MergeResult merged = git.merge().include(git.getRepository().resolve(branch))
                .setFastForward(MergeCommand.FastForwardMode.NO_FF).setMessage("Merge " + branch).call();
        assertThat(merged.getMergeStatus().isSuccessful()).as(merged.toString()).isTrue();
    }

    private static List<Path> configFiles(Path work) throws Exception {
        try (var stream = Files.walk(work.resolve("config"))) {
            return stream.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        }
    }

    private static void edit(Path file, Random random) throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        for (int i = 0; i < 1 + random.nextInt(4); i++) {
            int at = random.nextInt(lines.size() + 1);
            if (random.nextBoolean() && at < lines.size()) {
                lines.remove(at);
            } else {
                lines.add(at, "key" + random.nextInt(100) + ": " + random.nextInt(1000));
            }
        }
        Files.write(file, lines);
    }

    /** One random change: edit lines, add a file, delete a file, or rename one. */
    private static void mutate(Path work, Random random) throws Exception {
        List<Path> files = configFiles(work);
        Path file = files.get(random.nextInt(files.size()));
        switch (random.nextInt(6)) {
            case 0 -> write(work, "config/new-" + random.nextInt(1000) + ".yaml", randomLines(random, 5));
            case 1 -> {
                if (files.size() > 2) {
                    Files.delete(file);
                }
            }
            case 2 -> Files.move(file, file.resolveSibling("renamed-" + random.nextInt(1000) + ".yaml"));
            default -> edit(file, random);
        }
    }

    private static Map<String, BlameFile> latestPerPath(String repo) {
        Map<String, BlameFile> latest = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : TopicSnapshot.records(SharedTestRuntime.bootstrapServers(), Topics.BLAME.name(),
                key -> key.startsWith(repo + ":"))) {
            String path = record.key().substring(repo.length() + 1);
            BlameFile value = Topics.BLAME.valueSerde().deserialize("", record.value());
            if (value == null) {
                latest.remove(path);
            } else {
                latest.put(path, value);
            }
        }
        return latest;
    }

    private static String randomLines(Random random, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append("key").append(random.nextInt(50)).append(": ").append(random.nextInt(1000)).append('\n');
        }
        return text.toString();
    }
}
