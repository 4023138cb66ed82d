package io.decisionlog.cli.demo;

import io.decisionlog.cli.CliException;
import io.decisionlog.cli.ChainRenderer;
import io.decisionlog.cli.Context;
import io.decisionlog.cli.Http;
import io.decisionlog.cli.Views;
import io.decisionlog.cli.demo.ChainWait.ExpectedRun;
import io.decisionlog.cli.demo.SampleTeam.Built;
import io.decisionlog.cli.demo.SampleTeam.Step;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Sends the sample team's CI deliveries to the ci-audit-ingester, signed with the configured webhook secrets, and
 * says which run each linked commit's chain must show once decision-graph has joined it.
 */
final class DemoDeliveries {
    static final String GITHUB_SECRET_ENV = "DECISIONLOG_CI_GITHUB_SECRET";
    static final String GITLAB_TOKEN_ENV = "DECISIONLOG_CI_GITLAB_TOKEN";
    /** The dispatched run starts this long after its dispatch was acknowledged, as on GitHub. */
    private static final Duration DISPATCH_TO_RUN = Duration.ofSeconds(2);

    private final Context ctx;
    private final String ci;
    private final String graph;

    DemoDeliveries(Context ctx, String ci, String graph) {
        this.ctx = ctx;
        this.ci = ci;
        this.graph = graph;
    }

    /** @return per linked commit, the run its chain must show */
    Map<Step, ExpectedRun> send(Built team) {
        String secret = CiWebhooks.firstSecret(ctx.env(GITHUB_SECRET_ENV));
        String token = CiWebhooks.firstSecret(ctx.env(GITLAB_TOKEN_ENV));
        ctx.out().println("sending CI deliveries to the ci-audit-ingester (" + ci + ")"
                + (secret == null ? "; unsigned: " + GITHUB_SECRET_ENV + " is not set" : ""));
        Map<Step, ExpectedRun> expected = new LinkedHashMap<>();

        CiWebhooks.GitHubRun deploy = SampleRuns.titledDeploy(team);
        send("github workflow_run  'Deploy D-2024-087' on " + shortSha(team, Step.RETRIES) + " (the run's title names the decision)",
                CiWebhooks.gitHubWorkflowRun(deploy, UUID.randomUUID().toString(), secret));
        expected.put(Step.RETRIES, new ExpectedRun(String.valueOf(deploy.runId()), null));

        expected.put(Step.BATCHING, sendRelease(team, secret));

        CiWebhooks.GitLabPipeline pipeline = SampleRuns.compliancePipeline(team);
        String key = UUID.nameUUIDFromBytes(("gitlab-pipeline-" + team.sha(Step.THREE_DS)).getBytes(StandardCharsets.UTF_8))
                .toString();
        send("gitlab Pipeline Hook  DECISION_ID=D-2025-003 on " + shortSha(team, Step.THREE_DS),
                CiWebhooks.gitLabPipeline(pipeline, key, token));
        expected.put(Step.THREE_DS, new ExpectedRun(String.valueOf(pipeline.pipelineId()), null));
        return expected;
    }

    /** The Release dispatch and the run it caused on the merge, unless an earlier demo run linked them already. */
    private ExpectedRun sendRelease(Built team, String secret) {
        String release = String.valueOf(SampleRuns.RELEASE_RUN_ID);
        if (dispatchAlreadyLinked(team)) {
            // a second dispatch within decision-graph's window would make the link ambiguous: the first one stands
            ctx.out().println("  github workflow_dispatch + the Release it caused on the merge " + shortSha(team, Step.MERGE)
                    + "  -> already linked by an earlier demo run (not sent again)");
            return new ExpectedRun(release, null);
        }
        send("github workflow_dispatch  Release with inputs.decision_id=D-2024-091 by "
                        + SampleTeam.CARLOS_MENDES.login(),
                CiWebhooks.gitHubWorkflowDispatch(SampleTeam.REPO, SampleTeam.RELEASE_WORKFLOW,
                        "refs/heads/" + SampleTeam.BRANCH, SampleTeam.CARLOS_MENDES.login(), SampleRuns.dispatchInputs(),
                        UUID.randomUUID().toString(), secret));
        // GitHub's times have whole seconds; the run starts after the dispatch arrived (received <= acknowledged)
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        DemoLoad.pause(DISPATCH_TO_RUN);
        CiWebhooks.GitHubRun run = SampleRuns.dispatchedRelease(team, started, Instant.now().truncatedTo(ChronoUnit.SECONDS));
        send("github workflow_run  the Release it caused, on the merge " + shortSha(team, Step.MERGE),
                CiWebhooks.gitHubWorkflowRun(run, UUID.randomUUID().toString(), secret));
        return new ExpectedRun(release, run.updatedAt());
    }

    /** True when decision-graph already links D-2024-091 to the merge through a dispatch (a demo run before this one). */
    private boolean dispatchAlreadyLinked(Built team) {
        try {
            Http.Response response = ctx.http().get("decision-graph", graph + "/api/v1/commits/"
                    + Http.encode(SampleTeam.REPO) + "/" + team.sha(Step.MERGE));
            if (!response.ok()) {
                return false;
            }
            Views.Chain chain = Views.chain(response.body());
            return chain.ciRuns().stream().anyMatch(run -> String.valueOf(SampleRuns.RELEASE_RUN_ID).equals(run.runId()))
                    && chain.decisions().stream().anyMatch(d -> "D-2024-091".equals(d.decisionId())
                    && d.via().contains("ci_dispatch"));
        } catch (CliException e) {
            return false;
        }
    }

    private void send(String what, CiWebhooks.Delivery delivery) {
        Map<String, String> headers = new LinkedHashMap<>(delivery.headers());
        String contentType = headers.remove("Content-Type");
        Http.Response response = ctx.http().post("ci-audit-ingester", ci + delivery.endpoint(), delivery.body(),
                contentType == null ? "application/json" : contentType, headers);
        if (response.status() == 202) {
            ctx.out().println("  " + what + "  -> 202");
            return;
        }
        if (response.status() == 200) {
            // a run this demo sent before (same run id and status): the ingester says so and records nothing twice
            String status = response.json().path("status").asText("ok");
            ctx.out().println("  " + what + "  -> 200 " + status + ("unchanged".equals(status)
                    ? " (recorded by an earlier demo run)" : ": " + response.message()));
            return;
        }
        if (response.status() == 401) {
            throw CliException.refused("the ci-audit-ingester refused " + what + ": " + response.message()
                    + "\n  the running stack was started with other webhook secrets than " + GITHUB_SECRET_ENV + " / "
                    + GITLAB_TOKEN_ENV + " here: export the same values, or ./decisionlog down and run the demo again");
        }
        if (response.status() >= 500) {
            throw CliException.unreachable("the ci-audit-ingester answered " + response.status() + " to " + what + ": "
                    + response.message());
        }
        throw CliException.refused("the ci-audit-ingester answered " + response.status() + " to " + what + ": "
                + response.message());
    }

    private static String shortSha(Built team, Step step) {
        return ChainRenderer.shortSha(team.sha(step));
    }
}
