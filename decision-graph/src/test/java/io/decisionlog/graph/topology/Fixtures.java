package io.decisionlog.graph.topology;

import io.decisionlog.events.CiDispatch;
import io.decisionlog.events.CiRun;
import io.decisionlog.events.CommitSignature;
import io.decisionlog.events.DecisionMinutes;
import io.decisionlog.events.GitCommit;
import io.decisionlog.events.Meeting;
import io.decisionlog.events.Person;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Small, readable records of every input topic; each method sets only what a scenario varies. */
final class Fixtures {
    static final String REPO = "acme/payments";
    static final String FEATURE = "a9f3c1e0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6";
    static final String FEATURE_TWIN = "a9f3c1e77777777777777777777777777777777f";
    static final String MERGE = "b1b2b3b4b5b6b7b8b9b0c1c2c3c4c5c6c7c8c9c0";
    static final String OTHER = "c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00";
    static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    static final String WORKFLOW = ".github/workflows/deploy.yml";

    private Fixtures() {
    }

    static String key(String sha) {
        return REPO + "@" + sha;
    }

    static GitCommit commit(String sha, List<String> decisionIds, List<String> introduced) {
        Person person = new Person("Li Wei", "li.wei@example.com");
        return new GitCommit(REPO, sha, List.of(), person, person, T0, T0, "subject " + sha.substring(0, 7),
                "subject\n", Map.of(), decisionIds, introduced);
    }

    static GitCommit inRepo(GitCommit c, String repo) {
        return new GitCommit(repo, c.sha(), c.parents(), c.author(), c.committer(), c.authoredAt(), c.committedAt(),
                c.subject(), c.message(), c.trailers(), c.decisionIds(), c.introduced(), c.signature());
    }

    static GitCommit signed(GitCommit c, CommitSignature signature) {
        return new GitCommit(c.repo(), c.sha(), c.parents(), c.author(), c.committer(), c.authoredAt(),
                c.committedAt(), c.subject(), c.message(), c.trailers(), c.decisionIds(), c.introduced(), signature);
    }

    static GitCommit commit(String sha) {
        return commit(sha, List.of(), List.of());
    }

    /** A push run on {@code sha}, completed at T0 + {@code seconds}. */
    static CiRun run(String runId, String sha, String title, List<String> decisionIds) {
        return new CiRun("github", REPO, runId, 1, "CI", ".github/workflows/ci.yml", "push", sha, "main", "li.wei",
                "completed", "success", T0, T0.plusSeconds(60), T0.plusSeconds(60), "https://ci/" + runId, title,
                decisionIds, null, "delivery-" + runId, T0.plusSeconds(61));
    }

    /** A workflow_dispatch run on {@code sha} by li.wei on main, started {@code startedAfter} seconds after T0. */
    static CiRun dispatchedRun(String runId, String sha, long startedAfter) {
        return new CiRun("github", REPO, runId, 1, "Deploy", WORKFLOW, "workflow_dispatch", sha, "main", "li.wei",
                "completed", "success", T0.plusSeconds(startedAfter), T0.plusSeconds(startedAfter + 60),
                T0.plusSeconds(startedAfter + 60), "https://ci/" + runId, "Deploy", List.of(), null,
                "delivery-" + runId, T0.plusSeconds(startedAfter + 61));
    }

    static CiRun withStatus(CiRun run, String status, long updatedAfter) {
        return new CiRun(run.provider(), run.repo(), run.runId(), run.attempt(), run.workflow(), run.workflowPath(),
                run.event(), run.headSha(), run.headBranch(), run.actor(), status,
                "completed".equals(status) ? "success" : null, run.startedAt(), T0.plusSeconds(updatedAfter),
                null, run.url(), run.title(), run.decisionIds(), run.reason(), run.deliveryId(), run.receivedAt());
    }

    /** li.wei dispatching the deploy workflow on main at T0 + {@code receivedAfter} seconds. */
    static CiDispatch dispatch(String deliveryId, long receivedAfter, String decisionId) {
        return new CiDispatch("github", REPO, WORKFLOW, "refs/heads/main", "li.wei",
                Map.of("decision_id", decisionId), List.of(decisionId), "because", deliveryId,
                T0.plusSeconds(receivedAfter));
    }

    static DecisionMinutes minutes(String decisionId, String title, String... commits) {
        return new DecisionMinutes(decisionId, title, "accepted", LocalDate.parse("2025-02-27"), "li.wei",
                List.of("li.wei"), "topic", "context", "decision", "rationale", List.of(), List.of(commits), List.of(),
                new Meeting("Weekly sync", LocalDate.parse("2025-02-27"), "acme/minutes", "minutes/2025/02-27.yaml",
                        OTHER));
    }
}
