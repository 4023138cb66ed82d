package io.decisionlog.cli.demo;

import io.decisionlog.cli.demo.SampleTeam.Built;
import io.decisionlog.cli.demo.SampleTeam.Step;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sample team's CI runs, one per way a commit gets its decision: a deploy whose title names the decision, a
 * release dispatched with a decision id (the dispatch and the run it caused), a GitLab pipeline with a
 * {@code DECISION_ID} variable.
 */
public final class SampleRuns {
    static final long RELEASE_RUN_ID = 10_245_598_123L;

    private SampleRuns() {
    }

    /** The deploy of the retries commit, titled "Deploy D-2024-087". */
    public static CiWebhooks.GitHubRun titledDeploy(Built team) {
        SampleTeam.Commit commit = team.commits().get(Step.RETRIES);
        Instant created = commit.authoredAt().plus(Duration.ofMinutes(9));
        return new CiWebhooks.GitHubRun(SampleTeam.REPO, 8_612_004_517L, 412, "Deploy", SampleTeam.DEPLOY_WORKFLOW,
                "Deploy D-2024-087", "workflow_dispatch", commit.sha(), SampleTeam.BRANCH, SampleTeam.LI_WEI.login(),
                "completed", "success", created, created.plusSeconds(4), created.plus(Duration.ofMinutes(6)),
                commit.message(), commit.author(), commit.authoredAt());
    }

    /** The inputs of the Release dispatch. */
    public static Map<String, String> dispatchInputs() {
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("decision_id", "D-2024-091");
        inputs.put("reason", "intraday settlement goes live for EU merchants");
        inputs.put("environment", "production");
        return inputs;
    }

    /** The run a dispatch caused: same workflow, ref and sender, started after the dispatch arrived. */
    public static CiWebhooks.GitHubRun dispatchedRelease(Built team, Instant started, Instant updated) {
        SampleTeam.Commit merge = team.commits().get(Step.MERGE);
        return new CiWebhooks.GitHubRun(SampleTeam.REPO, RELEASE_RUN_ID, 87, "Release", SampleTeam.RELEASE_WORKFLOW,
                "Release", "workflow_dispatch", merge.sha(), SampleTeam.BRANCH, SampleTeam.CARLOS_MENDES.login(),
                "completed", "success", started, started, updated.isBefore(started) ? started : updated,
                merge.message(), merge.author(), merge.authoredAt());
    }

    /** The compliance pipeline on GitLab that deployed the 3DS2 commit. */
    public static CiWebhooks.GitLabPipeline compliancePipeline(Built team) {
        SampleTeam.Commit commit = team.commits().get(Step.THREE_DS);
        Instant created = commit.authoredAt().plus(Duration.ofMinutes(50));
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("DECISION_ID", "D-2025-003");
        variables.put("DECISION_REASON", "PSD2 audit: challenge every EU card with 3DS2");
        return new CiWebhooks.GitLabPipeline(SampleTeam.REPO, 1_587_342L, commit.sha(), SampleTeam.BRANCH, "web",
                "success", created, created.plus(Duration.ofMinutes(11)).plusSeconds(12), "wang.wu",
                SampleTeam.WANG_WU.name(), variables, commit.subject(), commit.message(), commit.author(),
                commit.authoredAt());
    }
}
