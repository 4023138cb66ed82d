package io.decisionlog.cli.demo;

import io.decisionlog.cli.demo.SampleTeam.Built;
import io.decisionlog.cli.demo.SampleTeam.Line;
import io.decisionlog.cli.demo.SampleTeam.Step;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.blame.BlameResult;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.RenameDetector;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.FooterLine;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SampleTeamTest {
    @TempDir
    static Path dir;
    static Built team;

    @BeforeAll
    static void build() throws Exception {
        team = SampleTeam.build(dir.resolve("demo"));
    }

    @Test
    void shouldMergeTheFeatureBranchWithAMergeCommitOfTwoParents() throws Exception {
        try (Git git = Git.open(team.payments().toFile()); RevWalk walk = new RevWalk(git.getRepository())) {
            RevCommit merge = walk.parseCommit(ObjectId.fromString(team.sha(Step.MERGE)));
            assertThat(merge.getParentCount()).isEqualTo(2);
            assertThat(merge.getParent(0).getName()).isEqualTo(team.sha(Step.IMAGE));
            assertThat(merge.getParent(1).getName()).isEqualTo(team.sha(Step.WORKERS));
            assertThat(merge.getShortMessage()).isEqualTo("Merge branch 'feature/settlement-batching'");
            RevCommit workers = walk.parseCommit(ObjectId.fromString(team.sha(Step.WORKERS)));
            assertThat(workers.getParent(0).getName()).isEqualTo(team.sha(Step.BATCHING));
            // the branch commits change config lines
            assertThat(changedPaths(git.getRepository(), team.sha(Step.BATCHING))).containsExactly(SampleTeam.PAYMENTS_YAML);
            assertThat(changedPaths(git.getRepository(), team.sha(Step.WORKERS)))
                    .containsExactlyInAnyOrder(SampleTeam.PAYMENTS_YAML, SampleTeam.VALUES_PROD);
            // main is the tip, the feature branch is kept
            assertThat(git.getRepository().exactRef("refs/heads/main").getObjectId().getName()).isEqualTo(team.sha(Step.HPA));
            assertThat(git.getRepository().exactRef("refs/heads/" + SampleTeam.FEATURE_BRANCH).getObjectId().getName())
                    .isEqualTo(team.sha(Step.WORKERS));
            assertThat(git.getRepository().getBranch()).isEqualTo("main");
            assertThat(git.status().call().isClean()).isTrue();
        }
    }

    @Test
    void shouldRecordTheRenameAsAPureRename() throws Exception {
        try (Git git = Git.open(team.payments().toFile()); RevWalk walk = new RevWalk(git.getRepository())) {
            RevCommit rename = walk.parseCommit(ObjectId.fromString(team.sha(Step.RENAME)));
            RenameDetector detector = new RenameDetector(git.getRepository());
            try (TreeWalk tree = new TreeWalk(git.getRepository())) {
                tree.addTree(walk.parseCommit(rename.getParent(0)).getTree());
                tree.addTree(rename.getTree());
                tree.setRecursive(true);
                detector.addAll(DiffEntry.scan(tree));
            }
            List<DiffEntry> entries = detector.compute();
            assertThat(entries).hasSize(1);
            assertThat(entries.get(0).getChangeType()).isEqualTo(DiffEntry.ChangeType.RENAME);
            assertThat(entries.get(0).getOldPath()).isEqualTo(SampleTeam.PSP_PROPERTIES);
            assertThat(entries.get(0).getNewPath()).isEqualTo(SampleTeam.GATEWAY_PROPERTIES);
            assertThat(entries.get(0).getScore()).isEqualTo(100);
        }
    }

    @Test
    void shouldPutDecisionTrailersInTheLastParagraphOfSomeCommits() throws Exception {
        try (Git git = Git.open(team.payments().toFile()); RevWalk walk = new RevWalk(git.getRepository())) {
            assertThat(trailers(walk, Step.RETRIES)).containsEntry("Decision", "D-2024-087");
            assertThat(trailers(walk, Step.PSP_TIMEOUT)).containsEntry("Decision-Id", "D-2024-102");
            assertThat(trailers(walk, Step.POOL)).containsOnlyKeys("Reviewed-by");
            assertThat(trailers(walk, Step.BATCHING)).isEmpty();
            assertThat(trailers(walk, Step.THREE_DS)).isEmpty();
        }
    }

    @Test
    void shouldHaveDistinctAuthorsAndDatesOverAboutTenCommits() throws Exception {
        try (Git git = Git.open(team.payments().toFile())) {
            List<RevCommit> commits = new ArrayList<>();
            git.log().all().call().forEach(commits::add);
            assertThat(commits).hasSize(12);
            Set<String> authors = new HashSet<>();
            Set<Integer> times = new HashSet<>();
            commits.forEach(c -> {
                authors.add(c.getAuthorIdent().getName());
                times.add(c.getCommitTime());
            });
            assertThat(authors).containsExactlyInAnyOrder("Li Wei", "Zhang San", "Wang Wu", "Priya Nair", "Carlos Mendes");
            assertThat(times).hasSize(12);
        }
    }

    @Test
    void shouldLetTheTracedLinesBeBlamedOnTheCommitsThatWroteThem() throws Exception {
        try (Git git = Git.open(team.payments().toFile())) {
            for (Map.Entry<Step, Line> entry : team.lines().entrySet()) {
                Line line = entry.getValue();
                BlameResult blame = git.blame().setFilePath(line.path()).setFollowFileRenames(true).call();
                assertThat(blame.getResultContents().getString(line.line() - 1).strip()).isEqualTo(line.text());
                assertThat(blame.getSourceCommit(line.line() - 1).getName())
                        .as("the commit that wrote %s", line.label()).isEqualTo(team.sha(entry.getKey()));
            }
            // a line written in the first commit survives eleven more, and the rename
            BlameResult gateway = git.blame().setFilePath(SampleTeam.GATEWAY_PROPERTIES).setFollowFileRenames(true).call();
            int merchant = team.lines().get(Step.INITIAL).line() - 1;
            assertThat(gateway.getSourcePath(merchant)).isEqualTo(SampleTeam.PSP_PROPERTIES);
        }
    }

    @Test
    void shouldBuildTheSameShasOnEveryRun() throws Exception {
        Built again = SampleTeam.build(dir.resolve("again"));
        for (Step step : Step.values()) {
            assertThat(again.sha(step)).as("%s", step).isEqualTo(team.sha(step));
        }
        // building over an earlier demo replaces it
        Built replaced = SampleTeam.build(dir.resolve("again"));
        assertThat(replaced.sha(Step.HPA)).isEqualTo(team.sha(Step.HPA));
    }

    @Test
    void shouldBuildTheRepositoriesByteForByteAsBefore() throws Exception {
        // the texts are resources: a byte changed in any of them (a line ending, a trailing space) changes a sha
        assertThat(team.sha(Step.HPA)).isEqualTo("b8dcc7e00d0af3561868e19e302b1fdded71903c");
        try (Git git = Git.open(team.minutes().toFile())) {
            assertThat(git.getRepository().resolve("HEAD").getName()).isEqualTo("ba1c6c7d3f55505b2c47bb596eeec2c6de2a27a1");
        }
    }

    @Test
    void shouldWriteMinutesThatParseAsYamlInTheDesignFormat() throws Exception {
        Map<String, Object> arch = yaml(SampleTeam.ARCH_SYNC_MINUTES);
        assertThat(arch).containsEntry("meeting", "Weekly architecture sync").containsKey("decisions");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> decisions = (List<Map<String, Object>>) arch.get("decisions");
        assertThat(decisions).extracting(d -> d.get("id")).containsExactly("D-2024-087", "D-2024-088", "D-2024-091");
        assertThat(decisions).allSatisfy(d -> assertThat(d).containsKeys("title", "owner", "status", "decision"));
        @SuppressWarnings("unchecked")
        List<String> commits = (List<String>) decisions.get(2).get("commits");
        assertThat(commits).hasSize(1);
        assertThat(commits.get(0)).matches("[0-9a-f]{7,10}");
        assertThat(team.sha(Step.BATCHING)).startsWith(commits.get(0));

        Map<String, Object> single = yaml("minutes/2025/2025-01-09-eu-3ds2.yaml");
        assertThat(single).containsEntry("decision_id", "D-2025-003").containsKeys("title", "owner", "decision")
                .doesNotContainKey("decisions");
    }

    @Test
    void shouldWriteOneMinutesFileThatIsBroken() throws Exception {
        assertThat(team.minutesFiles()).contains(team.brokenMinutesFile()).hasSize(4);
        assertThatThrownBy(() -> yaml(team.brokenMinutesFile())).isInstanceOf(YAMLException.class)
                .hasMessageContaining("expected <block end>");
        try (Git git = Git.open(team.minutes().toFile())) {
            List<RevCommit> commits = new ArrayList<>();
            git.log().call().forEach(commits::add);
            assertThat(commits).hasSize(4);
            assertThat(git.status().call().isClean()).isTrue();
        }
    }

    private Map<String, Object> yaml(String path) throws IOException {
        String text = Files.readString(team.minutes().resolve(path), StandardCharsets.UTF_8);
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    }

    private static Map<String, String> trailers(RevWalk walk, Step step) throws IOException {
        RevCommit commit = walk.parseCommit(ObjectId.fromString(team.sha(step)));
        Map<String, String> trailers = new java.util.LinkedHashMap<>();
        for (FooterLine footer : commit.getFooterLines()) {
            trailers.put(footer.getKey(), footer.getValue());
        }
        return trailers;
    }

    private static List<String> changedPaths(Repository repository, String sha) throws IOException {
        try (RevWalk walk = new RevWalk(repository); TreeWalk tree = new TreeWalk(repository)) {
            RevCommit commit = walk.parseCommit(ObjectId.fromString(sha));
            tree.addTree(walk.parseCommit(commit.getParent(0)).getTree());
            tree.addTree(commit.getTree());
            tree.setRecursive(true);
            return DiffEntry.scan(tree).stream().map(DiffEntry::getNewPath).toList();
        }
    }
}
