package io.decisionlog.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.decisionlog.events.Keys;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code register-repo REPO URL} (blame-ingester) and {@code register-minutes SOURCE URL} (minutes-ingester). A
 * local path is sent absolute: the services run in the data directory, not where the command was typed.
 */
public final class RegisterCommands {
    static final String REPO_USAGE = "register-repo OWNER/NAME URL [--branch main] [--include GLOB]... [--exclude GLOB]... "
            + "[--gate-governed GLOB]... [--gate-require commit|pull_request] [--allowed-signers FILE] [--pgp-keyring FILE] "
            + "[--require-signoff] [--replace] [--url "
            + Context.BLAME_URL + "]";
    static final String MINUTES_USAGE = "register-minutes SOURCE URL [--branch main] [--include GLOB]... [--replace] [--url "
            + Context.MINUTES_URL + "]";

    private RegisterCommands() {
    }

    static int repo(List<String> argv, Context ctx) {
        Args args = Args.parse(argv, Set.of("--replace", "--require-signoff"), Set.of("--branch", "--include",
                "--exclude", "--url", "--gate-governed", "--gate-require", "--allowed-signers", "--pgp-keyring"));
        List<String> positionals = args.positionals(2, "OWNER/NAME and URL");
        Map<String, Object> body = repoRegistration(repoId(positionals.get(0)), location(positionals.get(1)),
                args.value("--branch", "main"), args.values("--include"), args.values("--exclude"));
        if (!args.values("--gate-governed").isEmpty()) {
            // the gate's rules for a change whose head has no .decisionlog.yaml; the blame-ingester checks them
            body.put("gate", Map.of("governed", args.values("--gate-governed"),
                    "require", args.value("--gate-require", "commit")));
        } else if (args.value("--gate-require", null) != null) {
            throw CliException.usage("--gate-require needs --gate-governed GLOB: what the gate governs");
        }
        // paths on the blame-ingester's machine, under its local roots: the trust its commits' signatures are checked against
        if (args.value("--allowed-signers", null) != null) {
            body.put("allowed_signers", args.value("--allowed-signers", null));
        }
        if (args.value("--pgp-keyring", null) != null) {
            body.put("pgp_keyring", args.value("--pgp-keyring", null));
        }
        if (args.flag("--require-signoff")) {
            body.put("require_signoff", true);
        }
        if (args.flag("--replace")) {
            body.put("replace", true);
        }
        JsonNode status = registerRepo(ctx.http(), Http.base(args.value("--url", Context.BLAME_URL)), body);
        ctx.out().println(describeRepo(status));
        return Exit.OK;
    }

    static int minutes(List<String> argv, Context ctx) {
        Args args = Args.parse(argv, Set.of("--replace"), Set.of("--branch", "--include", "--url"));
        List<String> positionals = args.positionals(2, "SOURCE and URL");
        Map<String, Object> body = minutesRegistration(repoId(positionals.get(0)), location(positionals.get(1)),
                args.value("--branch", "main"), args.values("--include"));
        if (args.flag("--replace")) {
            body.put("replace", true);
        }
        JsonNode status = registerMinutes(ctx.http(), Http.base(args.value("--url", Context.MINUTES_URL)), body);
        describeMinutes(status).forEach(ctx.out()::println);
        return Exit.OK;
    }

    /** {@code POST /api/v1/repos}: 202 with the sync status. */
    /** The body of the blame-ingester's {@code POST /api/v1/repos}. */
    public static Map<String, Object> repoRegistration(String repo, String url, String branch, List<String> include,
                                                       List<String> exclude) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("repo", repo);
        body.put("url", url);
        body.put("branch", branch);
        body.put("include", include);
        body.put("exclude", exclude);
        return body;
    }

    /** The body of the minutes-ingester's {@code POST /api/v1/sources}. */
    public static Map<String, Object> minutesRegistration(String source, String url, String branch, List<String> include) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("source", source);
        body.put("url", url);
        body.put("branch", branch);
        body.put("include", include);
        return body;
    }

    public static JsonNode registerRepo(Http http, String blame, Map<String, Object> body) {
        return answer("blame-ingester", http.postJson("blame-ingester", blame + "/api/v1/repos", body));
    }

    /** {@code POST /api/v1/sources}: 201 (new) or 200 (known); the first sync runs in the background. */
    public static JsonNode registerMinutes(Http http, String minutes, Map<String, Object> body) {
        return answer("minutes-ingester", http.postJson("minutes-ingester", minutes + "/api/v1/sources", body));
    }

    private static JsonNode answer(String service, Http.Response response) {
        return answer(service, response, "the registration");
    }

    /** The answer's JSON when it is a success; otherwise the exit a refusal or an outage means, saying which. */
    static JsonNode answer(String service, Http.Response response, String what) {
        if (response.ok()) {
            return response.json();
        }
        if (response.status() >= 500) {
            throw CliException.unreachable(service + " answered " + response.status() + ": " + response.message());
        }
        throw CliException.refused(service + " refused " + what + " (" + response.status() + "): " + response.message());
    }

    public static String describeRepo(JsonNode status) {
        StringBuilder line = new StringBuilder(status.path("repo").asText("?"));
        line.append(" (").append(status.path("branch").asText("main")).append("): registered with the blame-ingester");
        if (status.hasNonNull("state")) {
            line.append(", ").append(status.get("state").asText());
        }
        if (status.hasNonNull("tip")) {
            line.append(", tip ").append(ChainRenderer.shortSha(status.get("tip").asText()));
        }
        if (status.path("files_total").asInt(0) > 0) {
            line.append(", files ").append(status.path("files_done").asInt()).append('/').append(status.path("files_total").asInt());
        }
        for (JsonNode error : status.path("errors")) {
            line.append("\n  error: ").append(error.asText());
        }
        return line.toString();
    }

    public static List<String> describeMinutes(JsonNode status) {
        List<String> lines = new java.util.ArrayList<>();
        StringBuilder line = new StringBuilder(status.path("source").asText("?"));
        line.append(" (").append(status.path("branch").asText("main")).append("): registered with the minutes-ingester");
        if (status.hasNonNull("head_commit")) {
            line.append(", head ").append(ChainRenderer.shortSha(status.get("head_commit").asText()));
        }
        line.append(", ").append(status.path("files_accepted").asInt()).append(" file(s) accepted, ")
                .append(status.path("files_rejected").asInt()).append(" rejected, ")
                .append(status.path("decisions_published").asInt()).append(" decision(s)");
        lines.add(line.toString());
        if (status.hasNonNull("error")) {
            lines.add("  error: " + status.get("error").asText());
        }
        for (JsonNode file : status.path("rejected_files")) {
            String path = file.path("path").asText();
            for (JsonNode error : file.path("errors")) {
                lines.add("  rejected " + ValidateCommand.position(path, error) + error.path("message").asText());
            }
        }
        return lines;
    }

    private static String repoId(String value) {
        if (!Keys.isRepo(value)) {
            throw CliException.usage("'" + value + "' is not a repository id: expected owner/name (e.g. acme/payments)");
        }
        return value;
    }

    /** A URL as given; an existing local path made absolute. */
    static String location(String url) {
        if (url.contains("://") || url.startsWith("git@")) {
            return url;
        }
        Path path = Path.of(url);
        if (!Files.exists(path)) {
            throw CliException.usage(url + " is neither a URL nor an existing local path");
        }
        return path.toAbsolutePath().normalize().toString();
    }
}
