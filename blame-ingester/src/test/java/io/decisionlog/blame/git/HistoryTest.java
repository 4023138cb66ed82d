package io.decisionlog.blame.git;

import io.decisionlog.blame.history.GitCli;
import io.decisionlog.blame.history.TestHistory;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** What each merge on the branch introduced, against {@code git rev-list M^2… ^M^1} on a tangled random history. */
class HistoryTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void needsGit() {
        GitCli.require();
    }

    @Test
    void eachMergeIntroducesWhatGitListsBetweenItsParents() throws Exception {
        try (TestHistory history = TestHistory.bare(dir.resolve("repo.git"))) {
            ObjectId tip = tangled(history, new Random(7));
            GitCli git = new GitCli(dir.resolve("repo.git"));
            List<RevCommit> commits = History.newCommits(history.repository, tip, null);

            Map<String, List<String>> introduced = History.introducedByMerges(history.repository, tip, commits);

            List<String> mainlineMerges = Arrays.stream(git.run("rev-list", "--first-parent", "--merges", tip.name())
                    .split("\n")).filter(line -> !line.isBlank()).toList();
            assertThat(mainlineMerges).hasSizeGreaterThan(10);
            assertThat(introduced.keySet()).containsExactlyInAnyOrderElementsOf(mainlineMerges);
            for (String merge : mainlineMerges) {
                assertThat(introduced.get(merge)).as("introduced by %s", merge)
                        .containsExactlyInAnyOrderElementsOf(gitIntroduced(git, merge));
            }
            // the same merges asked for one by one, long after their sync
            List<RevCommit> some = commits.stream().filter(commit -> mainlineMerges.indexOf(commit.name()) % 3 == 1)
                    .toList();
            Map<String, List<String>> older = History.introducedByOlderMerges(history.repository, tip, some);
            assertThat(older).hasSize(some.size()).allSatisfy((merge, shas) ->
                    assertThat(shas).containsExactlyInAnyOrderElementsOf(gitIntroduced(git, merge)));
        }
    }

    private static List<String> gitIntroduced(GitCli git, String merge) {
        List<String> parents = Arrays.asList(git.run("rev-parse", merge + "^@").strip().split("\n"));
        List<String> args = new ArrayList<>(List.of("rev-list"));
        args.addAll(parents.subList(1, parents.size()));
        args.add("^" + parents.get(0));
        return Arrays.stream(git.run(args.toArray(String[]::new)).split("\n")).filter(line -> !line.isBlank())
                .collect(Collectors.toList());
    }

    /**
     * A mainline that merges branches forked from older and older points, branches that merged other branches or the
     * mainline into themselves, a branch merged twice, and octopus merges.
     */
    private static ObjectId tangled(TestHistory history, Random random) throws Exception {
        Map<String, String> files = new LinkedHashMap<>(Map.of("a.yaml", "a: 1\n"));
        List<ObjectId> mainline = new ArrayList<>(List.of(history.commit("initial", files)));
        List<ObjectId> branches = new ArrayList<>();
        for (int step = 0; step < 60; step++) {
            files.put("a.yaml", "a: " + step + "\n");
            ObjectId head = mainline.get(mainline.size() - 1);
            int choice = random.nextInt(6);
            if (choice < 2) {
                mainline.add(history.commit("main " + step, files, head));
            } else if (choice < 4 || branches.isEmpty()) {
                ObjectId fork = mainline.get(random.nextInt(mainline.size()));
                ObjectId branch = history.commit("branch " + step, files, fork);
                if (random.nextBoolean()) {
                    branch = history.commit("branch more " + step, files, branch,
                            mainline.get(random.nextInt(mainline.size())));
                }
                branches.add(branch);
            } else if (choice == 4) {
                ObjectId side = branches.get(random.nextInt(branches.size()));
                ObjectId grown = history.commit("branch again " + step, files, side);
                branches.add(grown);
                mainline.add(history.commit("merge " + step, files, head, side));
            } else {
                ObjectId one = branches.get(random.nextInt(branches.size()));
                ObjectId other = branches.get(random.nextInt(branches.size()));
                mainline.add(one.equals(other) ? history.commit("merge " + step, files, head, one)
                        : history.commit("octopus " + step, files, head, one, other));
            }
        }
        ObjectId tip = mainline.get(mainline.size() - 1);
        for (ObjectId branch : branches) {
            tip = history.commit("merge the rest", files, tip, branch);
        }
        history.moveBranch("main", tip);
        return tip;
    }
}
