package io.decisionlog.cli.demo;

import io.decisionlog.cli.demo.SampleTeam.Commit;
import io.decisionlog.cli.demo.SampleTeam.Member;
import io.decisionlog.cli.demo.SampleTeam.Step;
import org.eclipse.jgit.api.errors.GitAPIException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** acme/minutes: a README, then one commit per meeting's minutes file; the texts are {@link SampleTexts}. */
final class MinutesHistory {
    private MinutesHistory() {
    }

    /** @return the minutes files, in the order committed */
    static List<String> build(Path dir, Map<Step, Commit> payments) throws IOException, GitAPIException {
        try (WorkTree repo = WorkTree.init(dir)) {
            repo.write("README.md", SampleTexts.minutesFile("README.md"));
            add(repo, SampleTeam.CALLBACK_REVIEW_MINUTES,
                    SampleTexts.minutesFile(fileName(SampleTeam.CALLBACK_REVIEW_MINUTES)), SampleTeam.LI_WEI,
                    "2023-11-02T17:00:00");
            // the minutes name the batching commit by its short sha, known only once acme/payments is built
            String archSync = SampleTexts.minutesFile(fileName(SampleTeam.ARCH_SYNC_MINUTES))
                    .replace("${BATCHING_SHA}", payments.get(Step.BATCHING).sha().substring(0, 8));
            add(repo, SampleTeam.ARCH_SYNC_MINUTES, archSync, SampleTeam.WANG_WU, "2024-04-10T18:30:00");
            add(repo, SampleTeam.INCIDENT_MINUTES, SampleTexts.minutesFile(fileName(SampleTeam.INCIDENT_MINUTES)),
                    SampleTeam.ZHANG_SAN, "2024-06-05T19:10:00");
            add(repo, SampleTeam.SCA_MINUTES, SampleTexts.minutesFile(fileName(SampleTeam.SCA_MINUTES)),
                    SampleTeam.PRIYA_NAIR, "2025-01-09T17:45:00");
        }
        return List.of(SampleTeam.CALLBACK_REVIEW_MINUTES, SampleTeam.ARCH_SYNC_MINUTES, SampleTeam.INCIDENT_MINUTES,
                SampleTeam.SCA_MINUTES);
    }

    private static void add(WorkTree repo, String path, String text, Member scribe, String localDateTime)
            throws IOException, GitAPIException {
        repo.write(path, text);
        repo.commit(scribe, localDateTime, SampleTexts.minutesCommitMessage(fileName(path)));
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
