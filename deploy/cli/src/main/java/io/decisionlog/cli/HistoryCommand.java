package io.decisionlog.cli;

import io.decisionlog.events.Keys;

import java.util.List;
import java.util.Set;

/**
 * {@code history PATH:LINE [--repo R] [--rev REV] [--json] [--url GRAPH] [--blame-url BLAME]}: every commit that
 * changed the line, newest first (as {@code git log -L} lists them), each with its chain. Exit 0 when the history
 * reaches the line's first commit, 1 when a limit stopped it or the line or revision is unknown, 2 for a bad line.
 */
public final class HistoryCommand {
    static final String USAGE = "history PATH:LINE [--repo OWNER/NAME] [--rev SHA|TAG] [--json] [--url "
            + Context.GRAPH_URL + "] [--blame-url " + Context.BLAME_URL + "]";
    private static final Set<String> FLAGS = Set.of("--json");
    private static final Set<String> VALUED = Set.of("--repo", "--rev", "--url", "--blame-url");

    private HistoryCommand() {
    }

    static int run(List<String> argv, Context ctx) {
        Args args = Args.parse(argv, FLAGS, VALUED);
        TraceCommand.Target target = TraceCommand.Target.parse(args.positionals(1, "one PATH:LINE").get(0));
        String graph = Http.base(args.value("--url", Context.GRAPH_URL));
        String repo = args.value("--repo", null);
        if (repo == null) {
            repo = TraceCommand.onlyRepository(ctx, Http.base(args.value("--blame-url", Context.BLAME_URL)));
        } else if (!Keys.isRepo(repo)) {
            throw CliException.usage("--repo must name a repository as owner/name, got '" + repo + "'");
        }
        String rev = args.value("--rev", null);
        String url = graph + "/api/v1/trace/history?repo=" + Http.encode(repo) + "&path=" + Http.encode(target.path())
                + "&line=" + target.line() + (rev == null ? "" : "&rev=" + Http.encode(rev));
        Http.Response response = TraceCommand.answered(ctx.http().get("decision-graph", url), repo, target);
        Views.History history = Views.history(response.body());
        if (args.flag("--json")) {
            ctx.out().println(TraceCommand.pretty(response.body()));
        } else {
            ctx.out().print(render(history));
        }
        return history.complete() ? Exit.OK : Exit.NOT_FOUND;
    }

    static String render(Views.History history) {
        StringBuilder out = new StringBuilder();
        int count = history.changes().size();
        out.append(history.path()).append(':').append(history.line()).append(" as of ")
                .append(ChainRenderer.shortSha(history.rev())).append(": ").append(count)
                .append(count == 1 ? " commit changed it" : " commits changed it")
                .append(history.complete() ? "" : " (stopped at a limit: older changes not listed)").append('\n');
        for (Views.HistoryChange change : history.changes()) {
            out.append('\n');
            String lines = change.firstLine() == change.lastLine() ? String.valueOf(change.firstLine())
                    : change.firstLine() + "-" + change.lastLine();
            out.append(change.path()).append(':').append(lines).append(" after ")
                    .append(ChainRenderer.shortSha(change.sha())).append('\n');
            change.text().forEach(text -> out.append("  | ").append(text).append('\n'));
            out.append(change.chain() == null ? "  (decision-graph has not seen this commit)\n"
                    : ChainRenderer.chain(change.chain()));
        }
        return out.toString();
    }
}
