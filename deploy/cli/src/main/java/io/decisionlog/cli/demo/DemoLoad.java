package io.decisionlog.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.decisionlog.cli.Args;
import io.decisionlog.cli.ChainRenderer;
import io.decisionlog.cli.CliException;
import io.decisionlog.cli.Context;
import io.decisionlog.cli.Exit;
import io.decisionlog.cli.Http;
import io.decisionlog.cli.RegisterCommands;
import io.decisionlog.cli.TraceCommand;
import io.decisionlog.cli.Views;
import io.decisionlog.cli.demo.ChainWait.ExpectedRun;
import io.decisionlog.cli.demo.ChainWait.Target;
import io.decisionlog.cli.demo.SampleTeam.Built;
import io.decisionlog.cli.demo.SampleTeam.Step;
import org.eclipse.jgit.api.errors.GitAPIException;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code demo-load --data-dir DIR}: what {@code ./decisionlog demo} does once the stack is up. Builds the sample team
 * under {@code DIR/demo}, registers both repositories, sends the CI deliveries a real GitHub and GitLab would send
 * ({@link DemoDeliveries}), waits until decision-graph has joined the three linked commits into complete chains
 * ({@link ChainWait}), and shows them.
 */
public final class DemoLoad {
    public static final String USAGE =
            "demo-load --data-dir DIR [--timeout 120] [--graph-url URL] [--ci-url URL] [--blame-url URL] [--minutes-url URL]";

    private final Context ctx;
    private final String graph;
    private final String ci;
    private final String blame;
    private final String minutes;
    private final Duration timeout;

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

    private int load(Path dataDir) {
        Built team = build(dataDir.resolve("demo"));
        register(team);
        Map<Step, ExpectedRun> expected = new DemoDeliveries(ctx, ci, graph).send(team);
        List<Target> targets = ChainWait.targets(team);
        Map<Target, Views.Trace> traces = new ChainWait(ctx, graph, timeout).await(targets, expected);
        show(team, targets, traces);
        showInBrowser(targets.get(0), dataDir.resolve("admin.token"));
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
        RegisterCommands.registerMinutes(ctx.http(), minutes, source);
        List<String> lines = RegisterCommands.describeMinutes(syncedMinutes());
        lines.forEach(line -> ctx.out().println("  " + line));
        if (lines.stream().anyMatch(line -> line.contains(team.brokenMinutesFile()))) {
            ctx.out().println("    (" + team.brokenMinutesFile() + " is broken on purpose: this is how a scribe's mistake is"
                    + " reported, and why D-2024-102 has no minutes)");
        }
    }

    /** The minutes source's status once its first sync (in the background) has run, or as it is at the deadline. */
    private JsonNode syncedMinutes() {
        String url = minutes + "/api/v1/sources/" + Http.encode(SampleTeam.MINUTES_SOURCE);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Http.Response response = ctx.http().get("minutes-ingester", url);
            JsonNode status = response.ok() ? response.json() : null;
            boolean synced = status != null && (status.hasNonNull("head_commit") || status.hasNonNull("error"));
            if (synced || System.nanoTime() - deadline > 0) {
                return status != null ? status : response.json();
            }
            pause(Duration.ofMillis(500));
        }
    }

    // --- (e): the chains, shown ---------------------------------------------------------------------------------

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
        ctx.out().println("  the query API, described    " + graph + "/q/openapi   (send Authorization: Bearer <token>)");
        ctx.out().println("  a reader's token            ./decisionlog token create --role reader --repos " + SampleTeam.REPO);
        ctx.out().println("  trace any line              ./decisionlog trace " + first.line().label());
        ctx.out().println("  a chain with a gap          ./decisionlog trace " + team.lines().get(Step.PSP_TIMEOUT).label()
                + "   (D-2024-102: no CI run, and its minutes were rejected)");
        ctx.out().println("  the services' logs          ./decisionlog logs [SERVICE]");
        ctx.out().println("  stop the stack              ./decisionlog down");
    }

    /** The page of a traced file, and how to sign in to it. */
    private void showInBrowser(Target traced, Path adminToken) {
        String page = graph + "/repos/" + SampleTeam.REPO + "/blob/" + traced.line().path() + "#L" + traced.line().line();
        ctx.out().println();
        ctx.out().println("Read it in a browser:");
        ctx.out().println("  " + page);
        ctx.out().println("  sign in with an API token: the stack's admin token is in " + adminToken
                + " (cat it), or mint a reader's token as above");
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.unreachable("interrupted");
        }
    }
}
