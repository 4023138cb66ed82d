package io.decisionlog.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.decisionlog.cli.Http;
import io.decisionlog.cli.RegisterCommands;
import io.decisionlog.cli.demo.CiWebhooks;
import io.decisionlog.cli.demo.SampleRuns;
import io.decisionlog.cli.demo.SampleTeam.Built;
import io.decisionlog.cli.demo.SampleTeam.Step;
import io.decisionlog.cli.demo.SampleTeam;
import io.decisionlog.deploy.local.Ports;
import io.decisionlog.deploy.local.Wait;
import io.decisionlog.events.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The product across the real processes of {@code ./decisionlog up}, fed in the worst order a team can produce:
 * minutes first (naming a commit by a short sha nobody knows yet), then CI deliveries for commits not yet known
 * (one redelivered, one stale status arriving after the final one), the repository last. Every via must show up.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndToEndTest {
    private static final String REPO = SampleTeam.REPO;
    /** The vias each linked commit's decision must show, whatever order the facts arrived in. */
    private static final Map<Step, Map<String, List<String>>> EXPECTED_VIAS = Map.of(
            Step.RETRIES, Map.of("D-2024-087", List.of("trailer", "ci_title")),
            Step.THREE_DS, Map.of("D-2025-003", List.of("ci_input")),
            Step.BATCHING, Map.of("D-2024-091", List.of("ci_dispatch", "merge")));
    private static final Set<String> ALL_VIAS = Set.of("trailer", "ci_input", "ci_title", "ci_dispatch", "minutes", "merge");

    private static final long NIGHTLY_RUN = 9_100_000_001L;

    private Http http;
    private Stack stack;
    private RunsApiServer runsApi;
    private Built team;
    private final Map<String, Integer> answers = new LinkedHashMap<>();

    @BeforeAll
    void startTheStackAndFeedItInAHostileOrder() throws Exception {
        Path root = Path.of("../..").toAbsolutePath().normalize();
        Path dataDir = Path.of("target/e2e").toAbsolutePath();
        stack = new Stack(root, Files.createDirectories(dataDir).resolve("var-" + UUID.randomUUID().toString().substring(0, 8)));
        Stack.Run up = stack.up();
        assertThat(up.exitCode()).as("./decisionlog up:\n%s", up.output()).isZero();
        assertThat(up.output()).contains("admin token: generated into");
        http = new Http(Duration.ofSeconds(10), Http.DEFAULT_BACKOFF).withToken(stack.adminToken());
        team = SampleTeam.build(dataDir.resolve("team-" + UUID.randomUUID().toString().substring(0, 8)));

        registerMinutes();
        sendCiDeliveries();
        registerRepo();
        pullTheRunNoWebhookDelivered();
        awaitCompleteChains();
    }

    @AfterAll
    void stopTheStack() throws Exception {
        if (stack != null) {
            stack.close();
        }
        if (runsApi != null) {
            runsApi.close();
        }
    }

    @Test
    void shouldPullARunNoWebhookDeliveredAndSayItCarriedNoDecision() {
        JsonNode nightly = runOf(chain(Step.THREE_DS), NIGHTLY_RUN);
        assertThat(nightly.path("origin").asText()).isEqualTo("pull");
        assertThat(nightly.path("decision_ref").asText()).isEqualTo("N/A");
        assertThat(chain(Step.THREE_DS).path("complete").asBoolean()).isTrue(); // the pipeline shipped it with D-2025-003

        Http.Response unlinked = http.get("decision-graph", stack.graph() + "/api/v1/unlinked?repo=" + Http.encode(REPO)
                + "&since=" + LocalDate.now(ZoneOffset.UTC).minusDays(1));
        assertThat(unlinked.status()).isEqualTo(200);
        assertThat(unlinked.json().path("items").findValuesAsText("run_id")).contains(String.valueOf(NIGHTLY_RUN));
        assertThat(runsApi.requests()).isPositive();
    }

    @Test
    void shouldCarryTheDispatchsReasonSenderAndInputsIntoTheChain() {
        JsonNode release = chain(Step.BATCHING).path("ci_runs").get(0);
        assertThat(release.path("decision_ref").asText()).isEqualTo("D-2024-091");
        assertThat(release.path("reason").asText()).isEqualTo(SampleRuns.dispatchInputs().get("reason"));
        assertThat(release.path("triggering_actor").asText()).isEqualTo(SampleTeam.CARLOS_MENDES.login());
        assertThat(release.path("inputs").path("environment").asText()).isEqualTo("production");
    }

    @Test
    void shouldLinkEveryViaWhateverTheOrder() {
        EXPECTED_VIAS.forEach((step, decisions) -> decisions.forEach((decision, vias) ->
                assertThat(vias(step, decision)).as("%s %s", step, decision).containsAll(vias)));
        assertThat(allVias(chains())).containsExactlyInAnyOrder(ALL_VIAS.toArray(String[]::new));
    }

    @Test
    void shouldKeepOneRunPerRedeliveryAndTheNewestStatus() {
        assertThat(answers).allSatisfy((delivery, status) -> assertThat(status).as(delivery).isIn(200, 202));
        List<JsonNode> deploys = deployRuns(chain(Step.RETRIES));
        assertThat(deploys).hasSize(1);
        assertThat(deploys.get(0).path("status").asText()).isEqualTo("completed");
        assertThat(deploys.get(0).path("conclusion").asText()).isEqualTo("success");
    }

    @Test
    void shouldTraceALineFromTheShell() throws Exception {
        SampleTeam.Line line = team.lines().get(Step.BATCHING);
        Stack.Run trace = stack.run(List.of("trace", line.label(), "--repo", REPO, "--url", stack.graph(), "--json"), 60);

        assertThat(trace.exitCode()).as(trace.output()).isZero();
        JsonNode json = Json.MAPPER.readTree(trace.output().substring(trace.output().indexOf('{')));
        assertThat(json.path("text").asText().strip()).isEqualTo(line.text().strip());
        assertThat(json.path("blame").path("sha").asText()).isEqualTo(team.sha(Step.BATCHING));
        assertThat(json.path("complete").asBoolean()).isTrue();

        Stack.Run mermaid = stack.run(List.of("trace", line.label(), "--repo", REPO, "--url", stack.graph(), "--mermaid"), 60);
        assertThat(mermaid.output()).contains("flowchart LR", "D-2024-091");
    }

    @Test
    void shouldTraceTheFileAsItWasBeforeALineChanged() throws Exception {
        SampleTeam.Line line = team.lines().get(Step.BATCHING);
        String before = git("rev-parse", team.sha(Step.BATCHING) + "^").strip();
        List<String> porcelain = porcelainShas(git("blame", "--porcelain", before, "--", line.path()));

        Http.Response file = http.get("decision-graph", stack.graph() + "/api/v1/files?repo=" + Http.encode(REPO)
                + "&path=" + Http.encode(line.path()) + "&rev=" + before.substring(0, 8));
        assertThat(file.status()).as(file.body()).isEqualTo(200);
        assertThat(file.json().path("rev").asText()).isEqualTo(before);
        List<String> shas = new ArrayList<>();
        file.json().path("ranges").forEach(range -> {
            for (int i = 0; i < range.path("count").asInt(); i++) {
                shas.add(range.path("sha").asText());
            }
        });
        assertThat(shas).as("the blame at %s equals git blame's", before).isEqualTo(porcelain);

        Http.Response trace = http.get("decision-graph", stack.graph() + "/api/v1/trace?repo=" + Http.encode(REPO)
                + "&path=" + Http.encode(line.path()) + "&line=" + line.line() + "&rev=" + before);
        assertThat(trace.status()).as(trace.body()).isEqualTo(200);
        assertThat(trace.json().path("rev").asText()).isEqualTo(before);
        assertThat(trace.json().path("blame").path("sha").asText()).isEqualTo(porcelain.get(line.line() - 1))
                .isNotEqualTo(team.sha(Step.BATCHING));
        assertThat(trace.json().path("text").asText()).isNotEqualTo(line.text());

        Stack.Run shell = stack.run(List.of("trace", line.label(), "--repo", REPO, "--url", stack.graph(),
                "--rev", before.substring(0, 8)), 60);
        assertThat(shell.output()).contains("as of " + before.substring(0, 8) + " (" + before + ")",
                porcelain.get(line.line() - 1).substring(0, 7));

        Http.Response unknown = http.get("decision-graph", stack.graph() + "/api/v1/trace?repo=" + Http.encode(REPO)
                + "&path=" + Http.encode(line.path()) + "&line=1&rev=v9.9.9");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("message").asText()).contains("revision 'v9.9.9' is unknown in " + REPO);
    }

    @Test
    void shouldListEveryCommitThatChangedALineAsGitLogLDoes() throws Exception {
        SampleTeam.Line line = team.lines().get(Step.BATCHING);
        List<String> expected = new ArrayList<>();
        for (String out : git("log", "-L", line.line() + "," + line.line() + ":" + line.path(), "--format=%H", "-s",
                "main").split("\n")) {
            if (out.matches("[0-9a-f]{40}")) {
                expected.add(out);
            }
        }
        assertThat(expected).hasSizeGreaterThan(1).first().isEqualTo(team.sha(Step.BATCHING));

        Http.Response history = http.get("decision-graph", stack.graph() + "/api/v1/trace/history?repo="
                + Http.encode(REPO) + "&path=" + Http.encode(line.path()) + "&line=" + line.line());
        assertThat(history.status()).as(history.body()).isEqualTo(200);
        assertThat(history.json().path("complete").asBoolean()).isTrue();
        List<String> listed = new ArrayList<>();
        history.json().path("changes").forEach(change -> listed.add(change.path("sha").asText()));
        assertThat(listed).isEqualTo(expected);
        JsonNode newest = history.json().path("changes").get(0);
        assertThat(newest.path("text").get(0).asText().strip()).isEqualTo(line.text().strip());
        assertThat(newest.path("chain").path("decisions").findValuesAsText("decision_id")).contains("D-2024-091");

        Stack.Run shell = stack.run(List.of("history", line.label(), "--repo", REPO, "--url", stack.graph()), 60);
        assertThat(shell.exitCode()).as(shell.output()).isZero();
        assertThat(shell.output()).contains(expected.size() + " commits changed it", "D-2024-091",
                expected.get(expected.size() - 1).substring(0, 7));
    }

    private String git(String... args) throws Exception {
        return git(team.payments(), args);
    }

    private static String git(Path repository, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", repository.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("git %s: %s", String.join(" ", args), output).isZero();
        return output;
    }

    /** The commit of every line of {@code git blame --porcelain}. */
    private static List<String> porcelainShas(String porcelain) {
        List<String> shas = new ArrayList<>();
        for (String line : porcelain.split("\n")) {
            if (line.matches("^[0-9a-f]{40} \\d+ \\d+( \\d+)?$")) {
                shas.add(line.substring(0, 40));
            }
        }
        return shas;
    }

    @Test
    void shouldStopAGovernedChangeWithoutADecisionThatCounts() throws Exception {
        try (GateCheckout checkout = GateCheckout.cloneOf(team.payments(), gateDir())) {
            Path sarif = checkout.dir().resolve("out/decisionlog.sarif");
            Stack.Run untraced = gate(checkout.change(SampleTeam.PAYMENTS_YAML, "Tune payments"), "--sarif",
                    sarif.toString());
            assertThat(untraced.exitCode()).as(untraced.output()).isEqualTo(1);
            assertThat(untraced.output()).contains(SampleTeam.PAYMENTS_YAML + ":", "— no decision: add `Decision: D-…` "
                    + "to the message of commit", "FAIL: 1 of 1 governed change has no decision that counts");
            JsonNode report = Json.MAPPER.readTree(sarif.toFile());
            assertThat(Sarif.validate(report)).as("SARIF 2.1.0 schema errors").isEmpty();
            assertThat(Sarif.validate(Json.MAPPER.readTree("{\"version\":\"2.0\",\"runs\":[]}")))
                    .as("the schema refuses what is not SARIF 2.1.0").isNotEmpty();
            JsonNode result = report.path("runs").get(0).path("results").get(0);
            assertThat(result.path("ruleId").asText()).isEqualTo("DL1001");
            assertThat(result.path("locations").get(0).path("physicalLocation").path("artifactLocation")
                    .path("uri").asText()).isEqualTo(SampleTeam.PAYMENTS_YAML);
            mergeDespiteTheGate(checkout);

            Stack.Run covered = gate(checkout.change(SampleTeam.PAYMENTS_YAML, "Tune payments\n\nDecision: D-2024-087"));
            assertThat(covered.exitCode()).as(covered.output()).isZero();
            assertThat(covered.output()).contains("covered by D-2024-087 (accepted: Gray-release the downgrade switch)",
                    "PASS: 1 governed change, covered", "recorded as CI run gate-");

            Stack.Run rejected = gate(checkout.change(SampleTeam.VALUES_PROD, "Queue callbacks\n\nDecision: D-2024-088"));
            assertThat(rejected.exitCode()).as(rejected.output()).isEqualTo(1);
            assertThat(rejected.output()).contains(SampleTeam.VALUES_PROD + ":", "D-2024-088 is rejected (counts: accepted)");

            Stack.Run superseded = gate(checkout.change(SampleTeam.PAYMENTS_YAML,
                    "Retry without backoff\n\nDecision: D-2023-011"));
            assertThat(superseded.exitCode()).as(superseded.output()).isEqualTo(1);
            assertThat(superseded.output()).contains("D-2023-011 is superseded (counts: accepted); minutes: "
                    + SampleTeam.CALLBACK_REVIEW_MINUTES);

            Stack.Run ungoverned = gate(checkout.change("README.md", "Say what the service does"));
            assertThat(ungoverned.exitCode()).as(ungoverned.output()).isZero();
            assertThat(ungoverned.output()).contains("PASS: no governed path changed");

            Stack.Run down = gate(checkout.change(SampleTeam.PAYMENTS_YAML, "Tune payments\n\nDecision: D-2024-087"),
                    "--url", "http://127.0.0.1:" + Ports.free());
            assertThat(down.exitCode()).as(down.output()).isEqualTo(3);
            assertThat(down.output()).contains("cannot reach decision-graph");

            // a head without .decisionlog.yaml: the rules the registration sets govern, asked through decision-graph
            Map<String, Object> registration = RegisterCommands.repoRegistration(REPO, team.payments().toString(),
                    SampleTeam.BRANCH, List.of(), List.of());
            registration.put("gate", Map.of("governed", List.of("deploy/**"), "require", "commit"));
            RegisterCommands.registerRepo(http, stack.blame(), registration);
            Stack.Run registered = gate(checkout.changeWithoutPolicy(SampleTeam.VALUES_PROD, "Tune the deployment"));
            assertThat(registered.exitCode()).as(registered.output()).isEqualTo(1);
            assertThat(registered.output()).contains("policy: the registration of " + REPO + " (no .decisionlog.yaml at",
                    SampleTeam.VALUES_PROD + ":", "— no decision");
        }
    }

    @Test
    void shouldRunTheGateAsTheReadyMadeCiStepsRunIt() throws Exception {
        Path root = Path.of("../..").toAbsolutePath().normalize();
        String readme = Files.readString(root.resolve("README.md"));
        assertThat(readme).as("README's In your CI shows the examples as they are")
                .contains(Files.readString(root.resolve("docs/ci/github-actions-gate.yml")))
                .contains(Files.readString(root.resolve("docs/ci/gitlab-ci-gate.yml")));
        try (GateCheckout checkout = GateCheckout.cloneOf(team.payments(), gateDir())) {
            Map<String, String> github = Map.of("GITHUB_BASE_REF", "main", "GITHUB_REPOSITORY", REPO,
                    "DECISIONLOG_URL", stack.graph(), "DECISIONLOG_CI_URL", stack.ci(),
                    "DECISIONLOG_TOKEN", stack.adminToken());
            checkout.change(SampleTeam.PAYMENTS_YAML, "Tune payments\n\nDecision: D-2024-087");
            Stack.Run actions = stack.shell(CiExamples.gateCommand(root.resolve("docs/ci/github-actions-gate.yml"), root),
                    checkout.dir(), github, 120);
            assertThat(actions.exitCode()).as(actions.output()).isZero();
            assertThat(Sarif.validate(Json.MAPPER.readTree(checkout.dir().resolve("decisionlog.sarif").toFile()))).isEmpty();

            Map<String, String> gitlab = Map.of("CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "main", "CI_PROJECT_PATH", REPO,
                    "DECISIONLOG_URL", stack.graph(), "DECISIONLOG_CI_URL", stack.ci(),
                    "DECISIONLOG_TOKEN", stack.adminToken());
            checkout.change(SampleTeam.VALUES_PROD, "Tune the deployment");
            Stack.Run job = stack.shell(CiExamples.gateCommand(root.resolve("docs/ci/gitlab-ci-gate.yml"), root),
                    checkout.dir(), gitlab, 120);
            assertThat(job.exitCode()).as(job.output()).isEqualTo(1);
            JsonNode report = Json.MAPPER.readTree(checkout.dir().resolve("decisionlog-gate.json").toFile());
            assertThat(report.path("verdict").asText()).isEqualTo("fail");
            assertThat(report.path("findings").get(0).path("path").asText()).isEqualTo(SampleTeam.VALUES_PROD);
        }
    }

    /**
     * The record: the change the gate failed is merged anyway (fast-forward, so the commit it judged is the one that
     * ships); its chain shows the failed gate run, and the reviewer's worklist shows the commit and that run.
     */
    private void mergeDespiteTheGate(GateCheckout checkout) throws Exception {
        String head = git(checkout.dir(), "rev-parse", "HEAD").strip();
        git("fetch", checkout.dir().toString(), "HEAD");
        git("merge", "--ff-only", "FETCH_HEAD");
        Http.Response sync = http.post("blame-ingester", stack.blame() + "/api/v1/repos/" + Http.encode(REPO) + "/sync",
                new byte[0], "application/json", Map.of());
        assertThat(sync.status()).as(sync.body()).isEqualTo(202);
        Wait.until("the failed gate run in the merged commit's chain and in the unlinked list", Duration.ofSeconds(90),
                () -> gateRunsInUnlinkedList().contains(head + " failure"));
        JsonNode chain = http.get("decision-graph", stack.graph() + "/api/v1/commits/" + Http.encode(REPO) + "/" + head)
                .json();
        assertThat(chain.path("ci_runs").findValuesAsText("provider")).contains("decisionlog-gate");
        assertThat(chain.path("ci_runs").findValuesAsText("conclusion")).contains("failure");
        Http.Response unlinked = http.get("decision-graph", stack.graph() + "/api/v1/unlinked?repo="
                + Http.encode(REPO) + "&since=" + LocalDate.now(ZoneOffset.UTC).minusYears(30) + "&per_page=500");
        assertThat(unlinked.json().path("items").findValuesAsText("sha")).contains(head);
    }

    private List<String> gateRunsInUnlinkedList() {
        Http.Response unlinked = http.get("decision-graph", stack.graph() + "/api/v1/unlinked?repo=" + Http.encode(REPO)
                + "&since=" + LocalDate.now(ZoneOffset.UTC).minusDays(1) + "&per_page=200");
        List<String> runs = new ArrayList<>();
        unlinked.json().path("items").forEach(item -> {
            if ("decisionlog-gate".equals(item.path("provider").asText())) {
                runs.add(item.path("sha").asText() + " " + item.path("conclusion").asText());
            }
        });
        return runs;
    }

    private Stack.Run gate(GateCheckout checkout, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("gate", "--dir", checkout.dir().toString(), "--repo", REPO,
                "--base", "origin/main", "--url", stack.graph(), "--ci-url", stack.ci()));
        args.addAll(List.of(extra));
        return stack.run(args, 120);
    }

    private Path gateDir() {
        return Path.of("target/e2e").toAbsolutePath().resolve("gate-" + UUID.randomUUID().toString().substring(0, 8));
    }

    @Test
    void shouldRejectTheBrokenMinutesFileWithItsPosition() throws Exception {
        Path broken = team.minutes().resolve(team.brokenMinutesFile());
        Stack.Run validate = stack.run(List.of("validate", broken.toString(), "--url", stack.minutes()), 60);

        assertThat(validate.exitCode()).as(validate.output()).isEqualTo(4);
        assertThat(validate.output()).containsPattern(":\\d+:\\d+: ");
    }

    // --- the hostile order --------------------------------------------------------------------------------------

    private void registerMinutes() {
        RegisterCommands.registerMinutes(http, stack.minutes(), RegisterCommands.minutesRegistration(
                SampleTeam.MINUTES_SOURCE, team.minutes().toString(), SampleTeam.BRANCH, List.of()));
    }

    private void sendCiDeliveries() {
        CiWebhooks.GitHubRun deploy = SampleRuns.titledDeploy(team);
        CiWebhooks.Delivery completed = CiWebhooks.gitHubWorkflowRun(deploy, UUID.randomUUID().toString(),
                Stack.GITHUB_SECRET);
        send("deploy run, completed", completed);
        send("deploy run, redelivered", completed);
        CiWebhooks.GitHubRun stale = new CiWebhooks.GitHubRun(deploy.repo(), deploy.runId(), deploy.runNumber(),
                deploy.workflowName(), deploy.workflowPath(), deploy.displayTitle(), deploy.event(), deploy.headSha(),
                deploy.headBranch(), deploy.actor(), "in_progress", null, deploy.createdAt(), deploy.startedAt(),
                deploy.startedAt().plusSeconds(30), deploy.headCommitMessage(), deploy.headCommitAuthor(),
                deploy.headCommitAt());
        send("deploy run, stale in_progress after completed",
                CiWebhooks.gitHubWorkflowRun(stale, UUID.randomUUID().toString(), Stack.GITHUB_SECRET));

        send("release dispatch", CiWebhooks.gitHubWorkflowDispatch(REPO, SampleTeam.RELEASE_WORKFLOW,
                "refs/heads/" + SampleTeam.BRANCH, SampleTeam.CARLOS_MENDES.login(), SampleRuns.dispatchInputs(),
                UUID.randomUUID().toString(), Stack.GITHUB_SECRET));
        // as on GitHub: the run starts after its dispatch was received (whole seconds, so the next one)
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        send("release run on the merge", CiWebhooks.gitHubWorkflowRun(
                SampleRuns.dispatchedRelease(team, started, started), UUID.randomUUID().toString(), Stack.GITHUB_SECRET));

        send("gitlab pipeline", CiWebhooks.gitLabPipeline(SampleRuns.compliancePipeline(team),
                UUID.randomUUID().toString(), Stack.GITLAB_TOKEN));
    }

    /**
     * A nightly check ran on the 3DS commit today and no webhook told anyone (the hook was created afterwards): the
     * CI source's backfill finds it, and it carried no decision.
     */
    private void pullTheRunNoWebhookDelivered() throws Exception {
        runsApi = new RunsApiServer();
        SampleTeam.Commit commit = team.commits().get(Step.THREE_DS);
        Instant created = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
        runsApi.add(new CiWebhooks.GitHubRun(REPO, NIGHTLY_RUN, 77, "Nightly config check",
                ".github/workflows/nightly.yml", "Nightly config check", "schedule", commit.sha(), SampleTeam.BRANCH,
                SampleTeam.WANG_WU.login(), "completed", "success", created, created.plusSeconds(3),
                created.plusSeconds(200), commit.message(), commit.author(), commit.authoredAt()));
        String source = Json.MAPPER.writeValueAsString(Map.of("id", "e2e-github", "provider", "github", "repo", REPO,
                "api_url", runsApi.apiUrl(), "credentials_ref", Stack.PULL_CREDENTIALS, "backfill_days", 2));
        Http.Response registered = http.post("ci-audit-ingester", stack.ci() + "/api/v1/ci-sources",
                source.getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/json", Map.of());
        assertThat(registered.status()).as("%s", registered).isEqualTo(202);
    }

    private void registerRepo() {
        RegisterCommands.registerRepo(http, stack.blame(), RegisterCommands.repoRegistration(
                REPO, team.payments().toString(), SampleTeam.BRANCH, List.of(), List.of()));
    }

    private void send(String what, CiWebhooks.Delivery delivery) {
        Map<String, String> headers = new LinkedHashMap<>(delivery.headers());
        String contentType = headers.remove("Content-Type");
        Http.Response response = http.post("ci-audit-ingester", stack.ci() + delivery.endpoint(), delivery.body(),
                contentType == null ? "application/json" : contentType, headers);
        answers.put(what, response.status());
    }

    /**
     * Waits, with a deadline, for the whole end state the tests assert (not only for {@code complete}, which a chain
     * reaches before its last vias arrive through the repartition hops): so no assertion races the topology.
     */
    private void awaitCompleteChains() {
        try {
            Wait.until("the end state: complete chains with every via, one deploy run, completed",
                    Duration.ofSeconds(180), () -> stillMissing(chains()).isEmpty());
        } catch (RuntimeException e) {
            Map<Step, JsonNode> chains = chains();
            throw new AssertionError(e.getMessage() + "\nstill missing: " + stillMissing(chains) + "\nchains: "
                    + chains + "\ndecision-graph log:\n" + stack.logTail("decision-graph"), e);
        }
    }

    /** What the tests expect and the chains do not show yet; empty once they do. */
    private List<String> stillMissing(Map<Step, JsonNode> chains) {
        List<String> missing = new java.util.ArrayList<>();
        chains.forEach((step, chain) -> {
            if (chain == null) {
                missing.add("no chain for " + step);
            } else if (!chain.path("complete").asBoolean()) {
                missing.add(step + " not complete: " + chain.path("missing"));
            }
        });
        EXPECTED_VIAS.forEach((step, decisions) -> decisions.forEach((decision, vias) -> {
            JsonNode chain = chains.get(step);
            List<String> have = chain == null ? List.of() : vias(chain, decision);
            if (!have.containsAll(vias)) {
                missing.add(step + " " + decision + " via " + vias + " (has " + have + ")");
            }
        }));
        if (!allVias(chains).containsAll(ALL_VIAS)) {
            missing.add("vias " + ALL_VIAS + " (have " + allVias(chains) + ")");
        }
        if (chains.get(Step.THREE_DS) != null && runOf(chains.get(Step.THREE_DS), NIGHTLY_RUN) == null) {
            missing.add("the pulled nightly run on " + Step.THREE_DS);
        }
        List<JsonNode> deploys = chains.get(Step.RETRIES) == null ? List.of() : deployRuns(chains.get(Step.RETRIES));
        if (deploys.size() != 1 || !"completed".equals(deploys.get(0).path("status").asText())) {
            missing.add("one completed deploy run on " + Step.RETRIES + " (have " + deploys + ")");
        }
        return missing;
    }

    private Map<Step, JsonNode> chains() {
        Map<Step, JsonNode> chains = new LinkedHashMap<>();
        for (Step step : List.of(Step.RETRIES, Step.BATCHING, Step.THREE_DS)) {
            chains.put(step, chainOrNull(step));
        }
        return chains;
    }

    private static Set<String> allVias(Map<Step, JsonNode> chains) {
        Set<String> all = new TreeSet<>();
        chains.values().stream().filter(java.util.Objects::nonNull).forEach(chain -> chain.path("decisions")
                .forEach(decision -> decision.path("via").forEach(via -> all.add(via.asText()))));
        return all;
    }

    private List<JsonNode> deployRuns(JsonNode chain) {
        String deployRun = String.valueOf(SampleRuns.titledDeploy(team).runId());
        List<JsonNode> deploys = new java.util.ArrayList<>();
        chain.path("ci_runs").forEach(run -> {
            if (deployRun.equals(run.path("run_id").asText())) {
                deploys.add(run);
            }
        });
        return deploys;
    }

    private static JsonNode runOf(JsonNode chain, long runId) {
        for (JsonNode run : chain.path("ci_runs")) {
            if (String.valueOf(runId).equals(run.path("run_id").asText())) {
                return run;
            }
        }
        return null;
    }

    private JsonNode chainOrNull(Step step) {
        Http.Response response = http.get("decision-graph",
                stack.graph() + "/api/v1/commits/" + Http.encode(REPO) + "/" + team.sha(step));
        return response.ok() ? response.json() : null;
    }

    private JsonNode chain(Step step) {
        JsonNode chain = chainOrNull(step);
        assertThat(chain).as("chain of %s", step).isNotNull();
        return chain;
    }

    private List<String> vias(Step step, String decisionId) {
        return vias(chain(step), decisionId);
    }

    private static List<String> vias(JsonNode chain, String decisionId) {
        for (JsonNode decision : chain.path("decisions")) {
            if (decisionId.equals(decision.path("decision_id").asText())) {
                return java.util.stream.StreamSupport.stream(decision.path("via").spliterator(), false)
                        .map(JsonNode::asText).toList();
            }
        }
        return List.of();
    }
}
