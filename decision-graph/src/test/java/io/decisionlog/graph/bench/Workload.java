package io.decisionlog.graph.bench;

import io.decisionlog.events.CiDispatch;
import io.decisionlog.events.CiRun;
import io.decisionlog.events.DecisionMinutes;
import io.decisionlog.events.GitCommit;
import io.decisionlog.events.Keys;
import io.decisionlog.events.Meeting;
import io.decisionlog.events.Person;
import io.decisionlog.events.Topic;
import io.decisionlog.events.Topics;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A deterministic synthetic team: commits over 20 repositories (every tenth a merge commit introducing three
 * earlier ones, every third with a trailer), runs (half with a decision in the title, every tenth dispatched with
 * its dispatch), and minutes each listing a short sha. Every via of the topology is exercised. {@code minutes}: how
 * many of the decisions have minutes (all, unless a benchmark asks what the minutes' path costs); with
 * {@code orphanMinutes}, the minutes are of other decisions, which no chain names but through the minutes' own short
 * sha: the minutes' copies and links without the chains that naming a decision rewrites.
 */
record Workload(int commits, int runs, int decisions, int minutes, boolean orphanMinutes) {
    private static final int REPOS = 20;
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final Person PERSON = new Person("Bench", "bench@example.com");

    interface Sink {
        void accept(Topic<?> topic, String key, Object value);
    }

    void records(Sink sink) {
        for (int i = 0; i < commits; i++) {
            GitCommit commit = commit(i);
            sink.accept(Topics.COMMITS, commit.key(), commit);
        }
        for (int j = 0; j < runs; j++) {
            if (dispatched(j)) {
                CiDispatch dispatch = dispatch(j);
                sink.accept(Topics.CI_DISPATCHES, dispatch.key(), dispatch);
            }
            CiRun run = run(j);
            sink.accept(Topics.CI_RUNS, run.key(), run);
        }
        for (int k = 0; k < minutes; k++) {
            DecisionMinutes written = minutes(k);
            sink.accept(Topics.MINUTES, written.decisionId(), written);
        }
    }

    /** A run that is not part of the preload, on an existing commit: what the latency probe produces. */
    CiRun probeRun(int i) {
        return run("probe-" + i, (i * 13) % commits, false, "Deploy " + decision(i), T0.plusSeconds(i));
    }

    private GitCommit commit(int i) {
        List<String> introduced = new ArrayList<>();
        if (i % 10 == 9) {
            for (int back = 20; back <= 60 && i - back >= 0; back += 20) {
                introduced.add(sha(i - back));
            }
        }
        return new GitCommit(repo(i), sha(i), List.of(), PERSON, PERSON, T0, T0, "change " + i, "change " + i,
                Map.of(), i % 3 == 0 ? List.of(decision(i)) : List.of(), introduced);
    }

    private CiRun run(int j) {
        return run(String.valueOf(j), j % commits, dispatched(j), j % 2 == 0 ? "Deploy " + decision(j) : "CI",
                T0.plusSeconds(j * 1000L + 5));
    }

    private CiRun run(String runId, int commit, boolean dispatched, String title, Instant started) {
        return new CiRun("github", repo(commit), runId, 1, "Deploy", ".github/workflows/deploy.yml",
                dispatched ? "workflow_dispatch" : "push", sha(commit), "main", dispatched ? "user-" + runId : "ci-bot",
                "completed", "success", started, started.plusSeconds(60), started.plusSeconds(60),
                "https://ci.example.com/" + runId, title, List.of(), null, "delivery-" + runId, started.plusSeconds(61));
    }

    private CiDispatch dispatch(int j) {
        int commit = j % commits;
        return new CiDispatch("github", repo(commit), ".github/workflows/deploy.yml", "refs/heads/main", "user-" + j,
                Map.of("decision_id", decision(j + 1)), List.of(decision(j + 1)), "bench", "dispatch-" + j,
                T0.plusSeconds(j * 1000L));
    }

    private DecisionMinutes minutes(int k) {
        int commit = (k * 7) % commits;
        String id = "D-2025-" + (1000 + (orphanMinutes ? decisions : 0) + k);
        return new DecisionMinutes(id, "Decision " + k, "accepted", LocalDate.parse("2025-01-01"),
                "owner", List.of("owner"), "topic", "context", "decision", "rationale", List.of(),
                List.of(Keys.commit(repo(commit), sha(commit).substring(0, 10))), List.of(),
                new Meeting("Sync", LocalDate.parse("2025-01-01"), "bench/minutes", "minutes/" + k + ".yaml", sha(0)));
    }

    private static boolean dispatched(int j) {
        return j % 10 == 0;
    }

    private String decision(int x) {
        return "D-2025-" + (1000 + Math.floorMod(x * 31, decisions));
    }

    private static String repo(int i) {
        return "bench/r" + (i % REPOS);
    }

    private static String sha(int i) {
        return String.format("%08x%032x", i * 0x9E3779B1, i);
    }

    @Override
    public String toString() {
        return commits + " commits, " + runs + " runs (" + (runs + 9) / 10 + " dispatched), " + decisions + " decisions"
                + (minutes == decisions ? "" : ", " + minutes + " with minutes")
                + (orphanMinutes ? ", the minutes of decisions no chain names" : "");
    }
}
