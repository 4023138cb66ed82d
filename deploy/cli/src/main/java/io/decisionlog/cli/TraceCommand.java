package io.decisionlog.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.decisionlog.events.Json;
import io.decisionlog.events.Keys;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code trace PATH:LINE [--repo R] [--rev REV] [--json|--mermaid] [--url GRAPH] [--blame-url BLAME]}: why is this
 * line here — or, with {@code --rev}, why was it there at that revision (a sha or prefix, a tag, the branch)? Exit 0
 * when the chain is complete, 1 when it is not or the line or revision is unknown, 2 for a bad line number.
 */
public final class TraceCommand {
    static final String USAGE = "trace PATH:LINE [--repo OWNER/NAME] [--rev SHA|TAG] [--json | --mermaid] [--url "
            + Context.GRAPH_URL
            + "] [--blame-url " + Context.BLAME_URL + "]";
    private static final Set<String> FLAGS = Set.of("--json", "--mermaid");
    private static final Set<String> VALUED = Set.of("--repo", "--rev", "--url", "--blame-url");

    private TraceCommand() {
    }

    /** A line of a file: {@code config/app.yaml:12}. */
    public record Target(String path, int line) {
        public static Target parse(String spec) {
            int colon = spec.lastIndexOf(':');
            if (colon <= 0 || colon == spec.length() - 1) {
                throw CliException.usage("expected PATH:LINE (e.g. config/payments.yaml:12), got '" + spec + "'");
            }
            String path = spec.substring(0, colon);
            while (path.startsWith("./")) {
                path = path.substring(2);
            }
            int line;
            try {
                line = Integer.parseInt(spec.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw CliException.usage("the line in '" + spec + "' is not a number");
            }
            if (line < 1) {
                throw CliException.usage("lines count from 1; got " + line);
            }
            if (path.isBlank()) {
                throw CliException.usage("the path in '" + spec + "' is empty");
            }
            return new Target(path, line);
        }

        public String label() {
            return path + ":" + line;
        }
    }

    static int run(List<String> argv, Context ctx) {
        Args args = Args.parse(argv, FLAGS, VALUED);
        Target target = Target.parse(args.positionals(1, "one PATH:LINE").get(0));
        if (args.flag("--json") && args.flag("--mermaid")) {
            throw CliException.usage("--json and --mermaid exclude each other");
        }
        String graph = Http.base(args.value("--url", Context.GRAPH_URL));
        String repo = args.value("--repo", null);
        if (repo == null) {
            repo = onlyRepository(ctx, Http.base(args.value("--blame-url", Context.BLAME_URL)));
        } else if (!Keys.isRepo(repo)) {
            throw CliException.usage("--repo must name a repository as owner/name, got '" + repo + "'");
        }
        boolean mermaid = args.flag("--mermaid");
        String rev = args.value("--rev", null);
        Http.Response response = fetch(ctx.http(), graph, repo, target, mermaid, rev);
        if (mermaid) {
            ctx.out().print(response.body().endsWith("\n") ? response.body() : response.body() + "\n");
            return Exit.OK;
        }
        Views.Trace trace = Views.trace(response.body());
        if (args.flag("--json")) {
            ctx.out().println(pretty(response.body()));
        } else {
            if (rev != null) {
                ctx.out().println("as of " + rev + " (" + trace.rev() + ")");
            }
            ctx.out().print(ChainRenderer.trace(trace));
        }
        return trace.complete() ? Exit.OK : Exit.NOT_FOUND;
    }

    /** The trace of one line; a 4xx ends the command with the API's message (404 → 1, 400 → 2). */
    public static Http.Response fetch(Http http, String graph, String repo, Target target, boolean mermaid) {
        return fetch(http, graph, repo, target, mermaid, null);
    }

    /** The trace as of {@code rev} (null: the tip). */
    public static Http.Response fetch(Http http, String graph, String repo, Target target, boolean mermaid, String rev) {
        String url = graph + "/api/v1/trace?repo=" + Http.encode(repo) + "&path=" + Http.encode(target.path())
                + "&line=" + target.line() + (mermaid ? "&format=mermaid" : "") + (rev == null ? "" : "&rev=" + Http.encode(rev));
        return answered(http.get("decision-graph", url), repo, target);
    }

    /** The answer when it is a 2xx; else the command ends with the API's message (404, 422 → 1, 400 → 2, 5xx → 3). */
    static Http.Response answered(Http.Response response, String repo, Target target) {
        if (response.ok()) {
            return response;
        }
        String where = repo + " " + target.label() + ": ";
        if (response.status() == 404) {
            throw CliException.notFound(where + response.message());
        }
        if (response.status() == 400) {
            throw CliException.refused(where + response.message());
        }
        if (response.status() >= 500) {
            throw CliException.unreachable("decision-graph answered " + response.status() + ": " + response.message());
        }
        throw CliException.notFound(where + "decision-graph answered " + response.status() + ": " + response.message());
    }

    /** Without --repo: the one repository the blame-ingester tracks, or a usage error listing them. */
    static String onlyRepository(Context ctx, String blame) {
        Http.Response response;
        try {
            response = ctx.http().get("blame-ingester", blame + "/api/v1/repos");
        } catch (CliException e) {
            throw new CliException(e.exitCode(), e.getMessage() + "; or name the repository with --repo OWNER/NAME");
        }
        if (!response.ok()) {
            throw CliException.unreachable("blame-ingester answered " + response.status() + " to GET /api/v1/repos: "
                    + response.message() + "; name the repository with --repo OWNER/NAME");
        }
        List<String> repos = new ArrayList<>();
        JsonNode list = response.json();
        if (list.isArray()) {
            list.forEach(status -> {
                if (status.hasNonNull("repo")) {
                    repos.add(status.get("repo").asText());
                }
            });
        }
        if (repos.size() == 1) {
            return repos.get(0);
        }
        if (repos.isEmpty()) {
            throw CliException.refused("no repository is tracked yet: register one (./decisionlog register-repo OWNER/NAME URL)"
                    + " or name it with --repo OWNER/NAME");
        }
        throw CliException.refused("several repositories are tracked; name one with --repo: " + String.join(", ", repos));
    }

    static String pretty(String json) {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(Json.MAPPER.readTree(json));
        } catch (IOException e) {
            return json;
        }
    }
}
