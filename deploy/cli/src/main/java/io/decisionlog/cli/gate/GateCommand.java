package io.decisionlog.cli.gate;

import io.decisionlog.cli.Args;
import io.decisionlog.cli.ChainRenderer;
import io.decisionlog.cli.CliException;
import io.decisionlog.cli.Context;
import io.decisionlog.cli.Exit;
import io.decisionlog.cli.Http;
import io.decisionlog.cli.Views.GateVerdict;
import io.decisionlog.cli.Views;
import io.decisionlog.events.DecisionIds;
import io.decisionlog.events.Json;
import io.decisionlog.events.Keys;
import io.decisionlog.events.errors.BadRequest;
import org.eclipse.jgit.revwalk.RevCommit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code gate --repo R --base REV [--head REV]}: run in a CI job's checkout before a merge, it stops a change to
 * governed config that carries no decision that counts. Exit 0 pass, 1 findings, 2 usage or an invalid policy,
 * 3 decision-graph unreachable (unless {@code --allow-offline}).
 */
public final class GateCommand {
    public static final String USAGE = "gate [--repo OWNER/NAME] [--base REV] [--head HEAD] [--dir .] [--json FILE] "
            + "[--sarif FILE] [--allow-offline] [--no-record] [--policy FILE] [--url " + Context.GRAPH_URL
            + "] [--ci-url " + Context.CI_URL + "]";
    static final int MAX_DECISIONS = 100;
    private static final Set<String> FLAGS = Set.of("--allow-offline", "--no-record");
    private static final Set<String> VALUED = Set.of("--repo", "--base", "--head", "--dir", "--json", "--sarif",
            "--policy", "--url", "--ci-url");

    private GateCommand() {
    }

    public static int run(List<String> argv, Context ctx) {
        Args args = Args.parse(argv, FLAGS, VALUED);
        args.positionals(0, "no positional arguments");
        String repo = repo(args, ctx);
        String base = base(args, ctx);
        String head = args.value("--head", "HEAD");
        Path dir = Path.of(args.value("--dir", "."));
        DecisionIds ids = decisionIds(ctx);
        GateResult result;
        try (GitRange range = GitRange.open(dir, base, head)) {
            result = gate(range, repo, ids, args, ctx);
        } catch (IOException e) {
            throw CliException.refused("cannot read " + base + ".." + head + " in " + dir + ": " + e.getMessage());
        }
        ctx.out().print(TextReport.render(result));
        write(args.value("--json", null), () -> JsonReport.of(result));
        write(args.value("--sarif", null), () -> SarifReport.of(result));
        if (!args.flag("--no-record") && result.checked()) {
            GateRecord.post(ctx, Http.base(args.value("--ci-url", Context.CI_URL)), result);
        }
        return result.passes() ? Exit.OK : Exit.NOT_FOUND;
    }

    private static GateResult gate(GitRange range, String repo, DecisionIds ids, Args args, Context ctx)
            throws IOException {
        long started = System.nanoTime();
        List<RevCommit> commits = range.commits();
        GatePolicy policy = policy(range, repo, args, ctx);
        List<PullRequestText.Found> fromPullRequest = PullRequestText.decisionIds(ctx.env(), ids);
        List<Target> targets = Targets.of(range, commits, policy, ids, fromPullRequest);
        ctx.err().println(readSummary(commits.size(), targets, (System.nanoTime() - started) / 1_000_000));
        String baseSha = range.base().name();
        String headSha = range.head().name();
        if (targets.isEmpty()) {
            return new GateResult(repo, baseSha, headSha, policy, commits.size(), List.of(), true, null);
        }
        try {
            Map<String, GateVerdict> verdicts = ask(ctx, Http.base(args.value("--url", Context.GRAPH_URL)), repo,
                    targets, policy);
            List<Checked> checked = targets.stream().map(target -> Verdicts.check(target, verdicts)).toList();
            return new GateResult(repo, baseSha, headSha, policy, commits.size(), checked, true, null);
        } catch (CliException e) {
            if (e.exitCode() != Exit.UNREACHABLE || !args.flag("--allow-offline")) {
                throw e;
            }
            ctx.err().println("decisionlog: warning: --allow-offline: the decisions were not verified: " + e.getMessage());
            return new GateResult(repo, baseSha, headSha, policy, commits.size(), unverified(targets), false,
                    e.getMessage());
        }
    }

    /** Offline, a change that names no decision at all still fails: that needs no one's answer. */
    private static List<Checked> unverified(List<Target> targets) {
        return targets.stream().map(target -> target.decisionIds().isEmpty() ? Verdicts.check(target, Map.of())
                : new Checked(target, List.of(), List.of(), null)).toList();
    }

    private static String readSummary(int commits, List<Target> targets, long millis) {
        long files = targets.stream().flatMap(target -> target.hunks().stream()).map(Hunk::path).distinct().count();
        long hunks = targets.stream().mapToLong(target -> target.hunks().size()).sum();
        return "gate: read " + commits + (commits == 1 ? " commit" : " commits") + ", " + files + " governed "
                + (files == 1 ? "file" : "files") + " changed (" + hunks + " hunks) in " + millis + " ms";
    }

    /**
     * The policy at head, else the one the repository's registration sets, else none (said, never guessed).
     * {@code --policy FILE} tries a policy before it is committed (the ready-made CI steps never pass it: there, the
     * repository's own file governs).
     */
    private static GatePolicy policy(GitRange range, String repo, Args args, Context ctx) throws IOException {
        String policyFile = args.value("--policy", null);
        if (policyFile != null) {
            try {
                return PolicyFile.read(Files.readAllBytes(Path.of(policyFile)), policyFile);
            } catch (IOException e) {
                throw CliException.usage("cannot read --policy " + policyFile + ": " + e.getMessage());
            }
        }
        String at = " at " + ChainRenderer.shortSha(range.head().name());
        Optional<byte[]> file = range.file(range.head(), GatePolicy.FILE, PolicyFile.MAX_BYTES);
        if (file.isPresent()) {
            return PolicyFile.read(file.get(), GatePolicy.FILE + at);
        }
        String noFile = "no " + GatePolicy.FILE + at;
        try {
            return registered(ctx, Http.base(args.value("--url", Context.GRAPH_URL)), repo, noFile);
        } catch (CliException e) {
            if (e.exitCode() != Exit.UNREACHABLE || !args.flag("--allow-offline")) {
                throw e;
            }
            ctx.err().println("decisionlog: warning: --allow-offline: the registration's gate rules were not read: "
                    + e.getMessage());
            return GatePolicy.none(noFile + ", and the registration's rules could not be read");
        }
    }

    /** The rules the repository's registration sets for a head without a policy file. */
    private static GatePolicy registered(Context ctx, String graph, String repo, String noFile) {
        Http.Response response = ctx.http().get("decision-graph", graph + "/api/v1/gate/policy?repo=" + Http.encode(repo));
        Views.GatePolicyAnswer answer = Views.gatePolicy(answered(response, repo).body());
        if (answer.gate() == null) {
            return GatePolicy.none(noFile + ", and the registration of " + repo + " sets no gate rules");
        }
        try {
            return GatePolicy.of(answer.gate().validated(""), "the registration of " + repo + " (" + noFile + ")");
        } catch (BadRequest e) {
            throw CliException.refused("the registration of " + repo + " sets gate rules that cannot be used: "
                    + e.getMessage());
        }
    }

    /** A 2xx answer; a 5xx or no answer is exit 3, any other refusal exit 2 with the service's message. */
    private static Http.Response answered(Http.Response response, String repo) {
        if (response.status() >= 500) {
            throw CliException.unreachable("decision-graph answered " + response.status() + ": " + response.message());
        }
        if (!response.ok()) {
            throw CliException.refused("decision-graph refused the gate for " + repo + " (" + response.status() + "): "
                    + response.message());
        }
        return response;
    }

    private static Map<String, GateVerdict> ask(Context ctx, String graph, String repo, List<Target> targets,
                                                GatePolicy policy) {
        Set<String> asked = new LinkedHashSet<>();
        targets.forEach(target -> asked.addAll(target.decisionIds()));
        if (asked.size() > MAX_DECISIONS) {
            throw CliException.refused("the range names " + asked.size() + " decisions; the gate asks about at most "
                    + MAX_DECISIONS);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("repo", repo);
        body.put("decision_ids", List.copyOf(asked));
        body.put("statuses", policy.statuses());
        body.put("signoff", policy.rules().signoff());
        Http.Response response = answered(ctx.http().postJson("decision-graph", graph + "/api/v1/gate", body), repo);
        Map<String, GateVerdict> verdicts = new LinkedHashMap<>();
        Views.gate(response.body()).decisions().forEach(verdict -> verdicts.put(verdict.decisionId(), verdict));
        return verdicts;
    }

    /** {@code --repo}, else the CI's own name for the repository (GitHub Actions, GitLab CI). */
    private static String repo(Args args, Context ctx) {
        String repo = args.value("--repo", Optional.ofNullable(ctx.env("GITHUB_REPOSITORY"))
                .orElse(ctx.env("CI_PROJECT_PATH")));
        if (repo == null) {
            throw CliException.usage("--repo is required (outside GitHub Actions and GitLab CI)");
        }
        if (!Keys.isRepo(repo)) {
            throw CliException.usage("--repo must name a repository as owner/name, got '" + repo + "'");
        }
        return repo;
    }

    /** {@code --base}, else the branch the pull or merge request targets, as the CI names it. */
    private static String base(Args args, Context ctx) {
        String target = Optional.ofNullable(ctx.env("GITHUB_BASE_REF"))
                .orElse(ctx.env("CI_MERGE_REQUEST_TARGET_BRANCH_NAME"));
        String base = args.value("--base", target == null ? null : "origin/" + target);
        if (base == null) {
            throw CliException.usage("--base is required: the revision the change merges into, e.g. origin/main");
        }
        return base;
    }

    private static DecisionIds decisionIds(Context ctx) {
        String pattern = ctx.env("DECISIONLOG_DECISION_ID_PATTERN");
        try {
            return pattern == null ? DecisionIds.defaults() : new DecisionIds(pattern);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("DECISIONLOG_DECISION_ID_PATTERN is not a regular expression: " + e.getMessage());
        }
    }

    /** The report is built only when asked for: JSON costs a CI job a noticeable part of a second to load. */
    private static void write(String file, Supplier<Object> report) {
        if (file == null) {
            return;
        }
        try {
            Path path = Path.of(file);
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
            Files.write(path, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(report.get()));
        } catch (IOException | RuntimeException e) {
            throw CliException.refused("cannot write " + file + ": " + e.getMessage());
        }
    }
}
