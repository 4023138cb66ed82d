package io.decisionlog.cli.demo;

import io.decisionlog.cli.Args;
import io.decisionlog.cli.ChainRenderer;
import io.decisionlog.cli.CliException;
import io.decisionlog.cli.Context;
import io.decisionlog.cli.Exit;
import io.decisionlog.cli.Http;
import io.decisionlog.cli.RegisterCommands;
import io.decisionlog.cli.TraceCommand;
import io.decisionlog.cli.Views;
import io.decisionlog.cli.demo.SampleTeam.Built;
import io.decisionlog.cli.demo.SampleTeam.Line;
import io.decisionlog.cli.demo.SampleTeam.Step;
import io.decisionlog.events.CiRun;
import org.eclipse.jgit.api.errors.GitAPIException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code demo-load --data-dir DIR}: what {@code ./decisionlog demo} does once the stack is up. Builds the sample team
 * under {@code DIR/demo}, registers both repositories, sends the CI deliveries a real GitHub and GitLab would send,
 * waits until decision-graph has joined the three linked commits into complete chains, and shows them.
 */
public final class DemoLoad {
    public static final String USAGE =
            "demo-load --data-dir DIR [--timeout 120] [--graph-url URL] [--ci-url URL] [--blame-url URL] [--minutes-url URL]";
    public static final String GITHUB_SECRET_ENV = "DECISIONLOG_CI_GITHUB_SECRET";
    public static final String GITLAB_TOKEN_ENV = "DECISIONLOG_CI_GITLAB_TOKEN";
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
    private static final Duration POLL_EVERY = Duration.ofSeconds(1);
    /** The dispatched run starts this long after its dispatch was acknowledged, as on GitHub. */
    private static final Duration DISPATCH_TO_RUN = Duration.ofSeconds(2);
    static final long RELEASE_RUN_ID = 10_245_598_123L;

    private final Context ctx;
    private final String graph;
    private final String ci;
    private final String blame;
    private final String minutes;
    private final Duration timeout;

    /** A linked commit the demo waits for, and the line of it the demo traces. */
    record Target(Step step, String sha, String subject, Line line, String story) {
        String label() {
            return ChainRenderer.shortSha(sha) + " " + subject + " (" + line.label() + ")";
        }
    }

    private DemoLoad(Context ctx, String graph, String ci, String blame, String minutes, Duration timeout) {
        this.ctx = ctx;
        this.graph = graph;
        this.ci = ci;
        this.blame = blame;
        this.minutes = minutes;
        this.timeout = timeout;
    }

    public static int run(List<String> argv, Context ctx) {
        Args args = Args.parse(argv, Set.of(),
                Set.of("--data-dir", "--timeout", "--graph-url", "--ci-url", "--blame-url", "--minutes-url"));
        args.positionals(0, "no arguments besides the options");
        String dataDir = args.value("--data-dir", null);
        if (dataDir == null || dataDir.isBlank()) {
            throw CliException.usage("--data-dir DIR is required (./decisionlog demo passes its data directory)");
        }
        Duration timeout;
        try {
            timeout = Duration.ofSeconds(Long.parseLong(args.value("--timeout", "120")));
        } catch (NumberFormatException e) {
            throw CliException.usage("--timeout takes whole seconds");
        }
        DemoLoad demo = new DemoLoad(ctx, Http.base(args.value("--graph-url", Context.GRAPH_URL)),
                Http.base(args.value("--ci-url", Context.CI_URL)), Http.base(args.value("--blame-url", Context.BLAME_URL)),
                Http.base(args.value("--minutes-url", Context.MINUTES_URL)), timeout);
        return demo.load(Path.of(dataDir).toAbsolutePath().normalize());
    }

    /** A run the chain of a target must show before the demo believes it: this run id, with this update if known. */
    record ExpectedRun(String runId, Instant updatedAt) {
        boolean seenIn(List<CiRun> runs) {
            return runs.stream().anyMatch(run -> runId.equals(run.runId())
                    && (updatedAt == null || updatedAt.equals(run.updatedAt())));
        }
    }

    private int load(Path dataDir) {
        Built team = build(dataDir.resolve("demo"));
        register(team);
        Map<Step, ExpectedRun> expected = sendCiDeliveries(team);
        List<Target> targets = targets(team);
        Map<Target, Views.Trace> traces = await(targets, expected);
        show(team, targets, traces);
        return Exit.OK;
    }

    // --- (a), (b): the sample team ------------------------------------------------------------------------------

    private Built build(Path demoDir) {
        ctx.out().println("building a sample team in " + demoDir);
        Built team;
        try {
            team = SampleTeam.build(demoDir);
        } catch (IOException | GitAPIException e) {
            throw new CliException(Exit.NOT_FOUND, "cannot build the sample repositories in " + demoDir + ": " + e.getMessage());
        }
        ctx.out().println("  " + SampleTeam.REPO + "   " + team.commits().size() + " commits by 5 people: Decision trailers, "
                + SampleTeam.FEATURE_BRANCH + " merged with --no-ff, a renamed file   " + team.payments());
        ctx.out().println("  " + SampleTeam.MINUTES_SOURCE + "    " + team.minutesFiles().size()
                + " minutes files, one of them broken on purpose   " + team.minutes());
        return team;
    }

    // --- (c): registrations -------------------------------------------------------------------------------------

    private void register(Built team) {
        ctx.out().println("registering them with the ingesters");
        Map<String, Object> repo = RegisterCommands.repoRegistration(SampleTeam.REPO, team.payments().toString(),
                SampleTeam.BRANCH, List.of(), List.of());
        ctx.out().println("  " + RegisterCommands.describeRepo(RegisterCommands.registerRepo(ctx.http(), blame, repo)));

        Map<String, Object> source = RegisterCommands.minutesRegistration(SampleTeam.MINUTES_SOURCE,
                team.minutes().toString(), SampleTeam.BRANCH, List.of());
        List<String> lines = RegisterCommands.describeMinutes(RegisterCommands.registerMinutes(ctx.http(), minutes, source));
        lines.forEach(line -> ctx.out().println("  " + line));
        if (lines.stream().anyMatch(line -> line.contains(team.brokenMinutesFile()))) {
            ctx.out().println("    (" + team.brokenMinutesFile() + " is broken on purpose: this is how a scribe's mistake is"
                    + " reported, and why D-2024-102 has no minutes)");
        }
    }

    // --- (d): CI deliveries -------------------------------------------------------------------------------------

    private Map<Step, ExpectedRun> sendCiDeliveries(Built team) {
        String secret = CiDeliveries.firstSecret(ctx.env(GITHUB_SECRET_ENV));
        String token = CiDeliveries.firstSecret(ctx.env(GITLAB_TOKEN_ENV));
        ctx.out().println("sending CI deliveries to the ci-audit-ingester (" + ci + ")"
                + (secret == null ? "; unsigned: " + GITHUB_SECRET_ENV + " is not set" : ""));
        Map<Step, ExpectedRun> expected = new LinkedHashMap<>();

        CiDeliveries.GitHubRun deploy = titledDeploy(team);
        send("github workflow_run  'Deploy D-2024-087' on " + shortSha(team, Step.RETRIES) + " (the run's title names the decision)",
                CiDeliveries.gitHubWorkflowRun(deploy, UUID.randomUUID().toString(), secret));
        expected.put(Step.RETRIES, new ExpectedRun(String.valueOf(deploy.runId()), null));

        String release = String.valueOf(RELEASE_RUN_ID);
        if (dispatchAlreadyLinked(team)) {
            // a second dispatch within decision-graph's window would make the link ambiguous: the first one stands
            ctx.out().println("  github workflow_dispatch + the Release it caused on the merge " + shortSha(team, Step.MERGE)
                    + "  -> already linked by an earlier demo run (not sent again)");
            expected.put(Step.BATCHING, new ExpectedRun(release, null));
        } else {
            send("github workflow_dispatch  Release with inputs.decision_id=D-2024-091 by "
                            + SampleTeam.CARLOS_MENDES.login(),
                    CiDeliveries.gitHubWorkflowDispatch(SampleTeam.REPO, SampleTeam.RELEASE_WORKFLOW,
                            "refs/heads/" + SampleTeam.BRANCH, SampleTeam.CARLOS_MENDES.login(), dispatchInputs(),
                            UUID.randomUUID().toString(), secret));
            // GitHub's times have whole seconds; the run starts after the dispatch arrived (received <= acknowledged)
            Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
            pause(DISPATCH_TO_RUN);
            CiDeliveries.GitHubRun run = dispatchedRelease(team, started, Instant.now().truncatedTo(ChronoUnit.SECONDS));
            send("github workflow_run  the Release it caused, on the merge " + shortSha(team, Step.MERGE),
                    CiDeliveries.gitHubWorkflowRun(run, UUID.randomUUID().toString(), secret));
            expected.put(Step.BATCHING, new ExpectedRun(release, run.updatedAt()));
        }

        CiDeliveries.GitLabPipeline pipeline = compliancePipeline(team);
        String key = UUID.nameUUIDFromBytes(("gitlab-pipeline-" + team.sha(Step.THREE_DS)).getBytes(StandardCharsets.UTF_8))
                .toString();
        send("gitlab Pipeline Hook  DECISION_ID=D-2025-003 on " + shortSha(team, Step.THREE_DS),
                CiDeliveries.gitLabPipeline(pipeline, key, token));
        expected.put(Step.THREE_DS, new ExpectedRun(String.valueOf(pipeline.pipelineId()), null));
        return expected;
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
            return chain.ciRuns().stream().anyMatch(run -> String.valueOf(RELEASE_RUN_ID).equals(run.runId()))
                    && chain.decisions().stream().anyMatch(d -> "D-2024-091".equals(d.decisionId())
                    && d.via().contains("ci_dispatch"));
        } catch (CliException e) {
            return false;
        }
    }

    public static CiDeliveries.GitHubRun titledDeploy(Built team) {
        SampleTeam.Commit commit = team.commits().get(Step.RETRIES);
        Instant created = commit.authoredAt().plus(Duration.ofMinutes(9));
        return new CiDeliveries.GitHubRun(SampleTeam.REPO, 8_612_004_517L, 412, "Deploy", SampleTeam.DEPLOY_WORKFLOW,
                "Deploy D-2024-087", "workflow_dispatch", commit.sha(), SampleTeam.BRANCH, SampleTeam.LI_WEI.login(),
                "completed", "success", created, created.plusSeconds(4), created.plus(Duration.ofMinutes(6)),
                commit.message(), commit.author(), commit.authoredAt());
    }

    public static Map<String, String> dispatchInputs() {
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("decision_id", "D-2024-091");
        inputs.put("reason", "intraday settlement goes live for EU merchants");
        inputs.put("environment", "production");
        return inputs;
    }

    /** The run a dispatch caused: same workflow, ref and sender, started after the dispatch arrived. */
    public static CiDeliveries.GitHubRun dispatchedRelease(Built team, Instant started, Instant updated) {
        SampleTeam.Commit merge = team.commits().get(Step.MERGE);
        return new CiDeliveries.GitHubRun(SampleTeam.REPO, RELEASE_RUN_ID, 87, "Release", SampleTeam.RELEASE_WORKFLOW,
                "Release", "workflow_dispatch", merge.sha(), SampleTeam.BRANCH, SampleTeam.CARLOS_MENDES.login(),
                "completed", "success", started, started, updated.isBefore(started) ? started : updated,
                merge.message(), merge.author(), merge.authoredAt());
    }

    public static CiDeliveries.GitLabPipeline compliancePipeline(Built team) {
        SampleTeam.Commit commit = team.commits().get(Step.THREE_DS);
        Instant created = commit.authoredAt().plus(Duration.ofMinutes(50));
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("DECISION_ID", "D-2025-003");
        variables.put("DECISION_REASON", "PSD2 audit: challenge every EU card with 3DS2");
        return new CiDeliveries.GitLabPipeline(SampleTeam.REPO, 1_587_342L, commit.sha(), SampleTeam.BRANCH, "web",
                "success", created, created.plus(Duration.ofMinutes(11)).plusSeconds(12), "wang.wu",
                SampleTeam.WANG_WU.name(), variables, commit.subject(), commit.message(), commit.author(),
                commit.authoredAt());
    }

    private void send(String what, CiDeliveries.Delivery delivery) {
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

    // --- (e): wait for the chains, show them --------------------------------------------------------------------

    static List<Target> targets(Built team) {
        return List.of(
                target(team, Step.RETRIES, "a Decision trailer and a deploy run whose title names the decision"),
                target(team, Step.BATCHING, "a feature branch merged with --no-ff, released by a dispatched run on the merge"),
                target(team, Step.THREE_DS, "a GitLab pipeline with a DECISION_ID variable"));
    }

    private static Target target(Built team, Step step, String story) {
        SampleTeam.Commit commit = team.commits().get(step);
        return new Target(step, commit.sha(), commit.subject(), team.lines().get(step), story);
    }

    private Map<Target, Views.Trace> await(List<Target> targets, Map<Step, ExpectedRun> expected) {
        ctx.out().println("waiting for decision-graph to join commits, runs and minutes (up to " + timeout.toSeconds() + " s)");
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        long nextProgress = started + PROGRESS_EVERY.toNanos();
        Map<Target, Views.Trace> done = new LinkedHashMap<>();
        Map<Target, List<String>> pending = new LinkedHashMap<>();
        while (true) {
            for (Target target : targets) {
                if (!done.containsKey(target)) {
                    List<String> missing = new ArrayList<>();
                    Views.Trace trace = check(target, expected.get(target.step()), missing);
                    if (trace != null) {
                        done.put(target, trace);
                        pending.remove(target);
                    } else {
                        pending.put(target, missing);
                    }
                }
            }
            long now = System.nanoTime();
            if (done.size() == targets.size()) {
                ctx.out().printf("all %d chains complete after %d s%n", targets.size(),
                        Duration.ofNanos(now - started).toSeconds());
                return done;
            }
            // an ambiguous dispatch never resolves by waiting: more dispatches only add candidates
            boolean ambiguous = pending.values().stream().flatMap(List::stream).anyMatch(DemoLoad::isAmbiguity);
            if (now >= deadline || ambiguous) {
                throw CliException.notFound(incomplete(pending, ambiguous ? "now" : "after " + timeout.toSeconds() + " s"));
            }
            if (now >= nextProgress) {
                ctx.err().printf("waiting for chains: %d/%d complete%n", done.size(), targets.size());
                nextProgress = now + PROGRESS_EVERY.toNanos();
            }
            pause(POLL_EVERY);
        }
    }

    static boolean isAmbiguity(String missing) {
        return missing.startsWith("dispatch for ") && missing.contains(" is ambiguous");
    }

    /** What is still missing, per chain, with what to do about it. */
    static String incomplete(Map<Target, List<String>> pending, String when) {
        StringBuilder message = new StringBuilder("these chains are not complete " + when + ":");
        pending.forEach((target, missing) -> {
            message.append("\n  ").append(target.label());
            missing.forEach(m -> message.append("\n    missing: ").append(m));
        });
        if (pending.values().stream().flatMap(List::stream).anyMatch(DemoLoad::isAmbiguity)) {
            message.append("\n  an earlier demo's workflow_dispatch is still inside decision-graph's dispatch window"
                    + " (decisionlog.graph.dispatch-window, 2 minutes): run ./decisionlog demo again once it has passed");
        }
        message.append("\n  the services' logs: ./decisionlog logs decision-graph (or blame-ingester, minutes-ingester,"
                + " ci-audit-ingester)");
        return message.toString();
    }

    /** The line's trace once the commit's chain is complete; else null, with what is missing. */
    private Views.Trace check(Target target, ExpectedRun expected, List<String> missing) {
        try {
            Http.Response response = ctx.http().get("decision-graph", graph + "/api/v1/commits/"
                    + Http.encode(SampleTeam.REPO) + "/" + target.sha());
            if (response.status() == 404) {
                missing.add("decision-graph does not know the commit yet (" + response.message() + ")");
                return null;
            }
            if (!response.ok()) {
                missing.add("decision-graph answered " + response.status() + ": " + response.message());
                return null;
            }
            Views.Chain chain = Views.chain(response.body());
            if (expected != null && !expected.seenIn(chain.ciRuns())) {
                // until then the chain may be one an earlier demo run left
                missing.add("decision-graph has not joined run " + expected.runId() + " yet");
                return null;
            }
            if (!chain.complete()) {
                missing.addAll(chain.missing().isEmpty() ? List.of("the chain is not complete yet") : chain.missing());
                return null;
            }
            Views.Trace trace = Views.trace(TraceCommand.fetch(ctx.http(), graph, SampleTeam.REPO,
                    new TraceCommand.Target(target.line().path(), target.line().line()), false).body());
            if (!trace.complete()) {
                missing.addAll(trace.missing().isEmpty() ? List.of("the trace of " + target.line().label()
                        + " is not complete yet") : trace.missing());
                return null;
            }
            return trace;
        } catch (CliException e) {
            missing.add(e.getMessage());
            return null;
        }
    }

    private void show(Built team, List<Target> targets, Map<Target, Views.Trace> traces) {
        ctx.out().println();
        ctx.out().println("Why is this line here?");
        for (Target target : targets) {
            ctx.out().println();
            ctx.out().println("# " + target.story());
            ctx.out().print(ChainRenderer.trace(traces.get(target)));
        }
        Target richest = targets.stream().filter(t -> t.step() == Step.BATCHING).findFirst().orElse(targets.get(0));
        ctx.out().println();
        ctx.out().println("The chain of " + richest.line().label() + " as a Mermaid flowchart (paste it into https://mermaid.live):");
        ctx.out().println();
        try {
            String mermaid = TraceCommand.fetch(ctx.http(), graph, SampleTeam.REPO,
                    new TraceCommand.Target(richest.line().path(), richest.line().line()), true).body();
            ctx.out().print(mermaid.endsWith("\n") ? mermaid : mermaid + "\n");
        } catch (CliException e) {
            ctx.out().println("(decision-graph gave no diagram: " + e.getMessage() + ")");
        }
        Target first = targets.get(0);
        ctx.out().println();
        ctx.out().println("Where next:");
        ctx.out().println("  the query API, to try       " + graph + "/q/swagger-ui");
        ctx.out().println("  trace any line              ./decisionlog trace " + first.line().label());
        ctx.out().println("  a chain with a gap          ./decisionlog trace " + team.lines().get(Step.PSP_TIMEOUT).label()
                + "   (D-2024-102: no CI run, and its minutes were rejected)");
        ctx.out().println("  the services' logs          ./decisionlog logs [SERVICE]");
        ctx.out().println("  stop the stack              ./decisionlog down");
    }

    private static String shortSha(Built team, Step step) {
        return ChainRenderer.shortSha(team.sha(step));
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.unreachable("interrupted");
        }
    }
}
