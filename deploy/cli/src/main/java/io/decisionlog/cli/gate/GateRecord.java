package io.decisionlog.cli.gate;

import io.decisionlog.cli.CliException;
import io.decisionlog.cli.Context;
import io.decisionlog.cli.Http;
import io.decisionlog.cli.Views.GateVerdict;
import io.decisionlog.events.CiRun;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every gate run is posted to the ci-audit-ingester as a CI run on the head commit (its verdict, its findings count,
 * the decisions that covered the change), so the chain of the commit that merges shows it passed the gate. The
 * record needs an operator's token; when it cannot be made the gate says so and its verdict stands.
 */
final class GateRecord {
    static final String PROVIDER = "decisionlog-gate";

    private GateRecord() {
    }

    static void post(Context ctx, String ci, GateResult result) {
        CiRun run = run(ctx, result, Instant.now());
        try {
            Http.Response response = ctx.http().postJson("ci-audit-ingester", ci + "/api/v1/ci-runs", run);
            if (response.ok()) {
                ctx.err().println("recorded as CI run " + run.runId() + " on " + result.repo());
            } else {
                ctx.err().println("decisionlog: warning: the gate run was not recorded (ci-audit-ingester answered "
                        + response.status() + ": " + response.message() + ")");
            }
        } catch (CliException e) {
            ctx.err().println("decisionlog: warning: the gate run was not recorded: " + e.getMessage());
        }
    }

    static CiRun run(Context ctx, GateResult result, Instant now) {
        Set<String> covering = new LinkedHashSet<>();
        result.targets().forEach(checked -> checked.counting().stream().map(GateVerdict::decisionId)
                .forEach(covering::add));
        String verdict = result.passes() ? "pass" : "fail";
        String summary = TextReport.summary(result);
        return new CiRun(PROVIDER, result.repo(), runId(ctx, result, now), attempt(ctx), "decision-log gate", null,
                "gate", result.head(), branch(ctx), actor(ctx), "completed", result.passes() ? "success" : "failure",
                now, now, now, url(ctx), "gate: " + verdict + ", " + result.findingHunks() + " finding"
                + (result.findingHunks() == 1 ? "" : "s"), List.copyOf(covering), summary, null, null, null);
    }

    /** The CI's own run id when there is one, so a re-run is a new attempt of the same run. */
    private static String runId(Context ctx, GateResult result, Instant now) {
        return Optional.ofNullable(ctx.env("GITHUB_RUN_ID")).or(() -> Optional.ofNullable(ctx.env("CI_JOB_ID")))
                .map(id -> "gate-" + id)
                .orElse("gate-" + result.head().substring(0, 12) + "-" + now.toEpochMilli());
    }

    private static int attempt(Context ctx) {
        String attempt = ctx.env("GITHUB_RUN_ATTEMPT");
        return attempt != null && attempt.matches("\\d{1,6}") ? Integer.parseInt(attempt) : 1;
    }

    private static String branch(Context ctx) {
        return Optional.ofNullable(ctx.env("GITHUB_HEAD_REF")).orElse(ctx.env("CI_COMMIT_REF_NAME"));
    }

    private static String actor(Context ctx) {
        return Optional.ofNullable(ctx.env("GITHUB_ACTOR")).orElse(ctx.env("GITLAB_USER_LOGIN"));
    }

    private static String url(Context ctx) {
        if (ctx.env("GITHUB_SERVER_URL") != null && ctx.env("GITHUB_REPOSITORY") != null
                && ctx.env("GITHUB_RUN_ID") != null) {
            return ctx.env("GITHUB_SERVER_URL") + "/" + ctx.env("GITHUB_REPOSITORY") + "/actions/runs/"
                    + ctx.env("GITHUB_RUN_ID");
        }
        return ctx.env("CI_JOB_URL");
    }
}
