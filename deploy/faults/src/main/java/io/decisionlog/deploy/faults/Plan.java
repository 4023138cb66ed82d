package io.decisionlog.deploy.faults;

import io.decisionlog.events.GitCommit;
import io.decisionlog.events.Keys;
import io.decisionlog.events.Person;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The made-up team: commits spread over a few repositories, each with {@code runsPerCommit} CI runs, every run a
 * distinct (repo, run id). Deterministic for a seed, so any commit or run can be rebuilt from its index.
 */
final class Plan {
    private final String seed;
    private final int runsPerCommit;
    private final List<String> repos;
    private final Instant epoch = Instant.now();

    Plan(String seed, int runsPerCommit, int repoCount) {
        this.seed = seed;
        this.runsPerCommit = runsPerCommit;
        this.repos = java.util.stream.IntStream.range(0, repoCount)
                .mapToObj(i -> "faults/" + List.of("alpha", "beta", "gamma", "delta", "epsilon").get(i % 5)
                        + (i >= 5 ? "-" + i : ""))
                .toList();
    }

    /** One planned CI run: its delivery's identity and the commit it ran on. */
    record Run(int index, String repo, String runId, String sha, int commit, List<String> decisionIds) {
        String commitKey() {
            return Keys.commit(repo, sha);
        }

        /** (repo, run id): what a delivery is, whatever its provider prefix or attempt. */
        String id() {
            return repo + "#" + runId;
        }
    }

    int commitOf(int run) {
        return run / runsPerCommit;
    }

    boolean firstRunOfCommit(int run) {
        return run % runsPerCommit == 0;
    }

    boolean lastRunOfCommit(int run) {
        return run % runsPerCommit == runsPerCommit - 1;
    }

    /** Even commits are pushed before their first run is delivered, odd ones after their last: both join orders. */
    boolean pushedBeforeRuns(int commit) {
        return commit % 2 == 0;
    }

    String repoOf(int commit) {
        return repos.get(commit % repos.size());
    }

    String shaOf(int commit) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest(("faultrun/" + seed + "/" + commit).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    Run run(int index) {
        int commit = commitOf(index);
        // every tenth run carries a decision id (workflow_dispatch input): the chain gets a decision via ci_input
        List<String> decisions = index % 10 == 3 ? List.of("FR-2025-" + (100 + commit % 50)) : List.of();
        return new Run(index, repoOf(commit), "fr-" + seed + "-" + index, shaOf(commit), commit, decisions);
    }

    GitCommit commit(int index) {
        String repo = repoOf(index);
        List<String> parents = index >= repos.size() ? List.of(shaOf(index - repos.size())) : List.of();
        Instant at = epoch.plusSeconds(index);
        Person dev = new Person("Fault Run", "faultrun@example.invalid");
        return new GitCommit(repo, shaOf(index), parents, dev, dev, at, at, "change " + index + " under faults",
                "change " + index + " under faults\n\nwritten by io.decisionlog.deploy.faults.FaultRun\n", Map.of(),
                List.of(), List.of());
    }

    /** The normalized run event of POST /api/v1/ci-runs (DESIGN.md: decisionlog.ci.runs.v1's fields). */
    Map<String, Object> delivery(Run run) {
        Instant started = epoch.plusSeconds(run.index());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("provider", "generic");
        body.put("repo", run.repo());
        body.put("run_id", run.runId());
        body.put("attempt", 1);
        body.put("workflow", "deploy");
        body.put("workflow_path", ".ci/deploy.yml");
        body.put("event", run.decisionIds().isEmpty() ? "push" : "workflow_dispatch");
        body.put("head_sha", run.sha());
        body.put("head_branch", "main");
        body.put("actor", "faultrun");
        body.put("status", "completed");
        body.put("conclusion", "success");
        body.put("started_at", started.toString());
        body.put("updated_at", started.plusSeconds(60).toString());
        body.put("completed_at", started.plusSeconds(60).toString());
        body.put("url", "https://ci.example.invalid/" + run.repo() + "/runs/" + run.runId());
        body.put("title", "deploy " + run.sha().substring(0, 7));
        body.put("decision_ids", run.decisionIds());
        body.put("reason", run.decisionIds().isEmpty() ? null : "rolled out under faults");
        body.put("delivery_id", "delivery-" + run.runId());
        return body;
    }
}
