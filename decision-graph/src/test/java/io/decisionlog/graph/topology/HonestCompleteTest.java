package io.decisionlog.graph.topology;

import io.decisionlog.events.CiRun;
import io.decisionlog.events.CommitSignature;
import io.decisionlog.events.DecisionChain;
import io.decisionlog.events.DecisionMinutes;
import io.decisionlog.events.MinutesError;
import io.decisionlog.events.MinutesFileState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.decisionlog.graph.topology.Fixtures.FEATURE;
import static io.decisionlog.graph.topology.Fixtures.commit;
import static io.decisionlog.graph.topology.Fixtures.key;
import static io.decisionlog.graph.topology.Fixtures.minutes;
import static io.decisionlog.graph.topology.Fixtures.run;
import static io.decisionlog.graph.topology.Fixtures.signed;
import static org.assertj.core.api.Assertions.assertThat;

/** A chain is complete only when a successful run shipped the commit and its decisions are in force. */
class HonestCompleteTest {
    private final GraphDriver graph = new GraphDriver();

    @AfterEach
    void close() {
        graph.close();
    }

    @Test
    void aFailedOrCancelledRunDidNotShipTheCommit() {
        graph.commit(commit(FEATURE, List.of("D-2025-001"), List.of())).minutes(minutes("D-2025-001", "Retries"))
                .run(concluded(run("9001", FEATURE, "CI", List.of()), "failure"))
                .run(concluded(run("9002", FEATURE, "CI", List.of()), "cancelled"));

        DecisionChain chain = graph.chain(key(FEATURE));

        assertThat(chain.complete()).isFalse();
        assertThat(chain.missing())
                .containsExactly("no successful CI run shipped this commit: run 9001 failure, run 9002 cancelled");
    }

    @Test
    void aBadSignatureIsALoudFactOfTheChainNeverUnsigned() {
        CommitSignature bad = new CommitSignature("ssh", null, "SHA256:abc", CommitSignature.Status.BAD,
                "the signature does not match the commit: edited after signing, or forged");
        graph.commit(signed(commit(FEATURE, List.of("D-2025-001"), List.of()), bad))
                .minutes(minutes("D-2025-001", "Retries")).run(run("9001", FEATURE, "CI", List.of()));

        DecisionChain chain = graph.chain(key(FEATURE));

        assertThat(chain.complete()).isFalse();
        assertThat(chain.missing()).containsExactly("the commit's ssh signature is bad: the signature does not match "
                + "the commit: edited after signing, or forged");
        assertThat(chain.commit().signature()).isEqualTo(bad);

        graph.commit(signed(commit(FEATURE, List.of("D-2025-001"), List.of()), new CommitSignature("ssh",
                "li.wei@acme.example", "SHA256:abc", CommitSignature.Status.UNKNOWN_KEY, "no principal")));
        assertThat(graph.chain(key(FEATURE)).complete()).as("an unknown key is said, not a gap").isTrue();
    }

    @Test
    void oneSuccessfulRunBesideAFailedOneShipsIt() {
        graph.commit(commit(FEATURE, List.of("D-2025-001"), List.of())).minutes(minutes("D-2025-001", "Retries"))
                .run(concluded(run("9001", FEATURE, "CI", List.of()), "failure"))
                .run(run("9002", FEATURE, "CI", List.of()));

        assertThat(graph.chain(key(FEATURE)).complete()).isTrue();
    }

    @Test
    void aSupersededDecisionSaysSoAndByWhichWhenThatDecisionIsInTheChain() {
        graph.commit(commit(FEATURE, List.of("D-2025-001", "D-2025-002"), List.of()))
                .run(run("9001", FEATURE, "CI", List.of()))
                .minutes(withStatus(minutes("D-2025-001", "Retries"), "superseded", List.of()))
                .minutes(withStatus(minutes("D-2025-002", "Retries, again"), "accepted", List.of("D-2025-001")));

        DecisionChain chain = graph.chain(key(FEATURE));

        assertThat(chain.complete()).isFalse();
        assertThat(chain.missing()).containsExactly("decision D-2025-001 is superseded by D-2025-002");
    }

    @Test
    void aRejectedDecisionIsNotInForce() {
        graph.commit(commit(FEATURE, List.of("D-2025-003"), List.of())).run(run("9001", FEATURE, "CI", List.of()))
                .minutes(withStatus(minutes("D-2025-003", "Drop retries"), "rejected", List.of()));

        assertThat(graph.chain(key(FEATURE)).missing()).containsExactly("decision D-2025-003 was rejected");

        graph.minutes(withStatus(minutes("D-2025-003", "Drop retries"), "accepted", List.of()));
        assertThat(graph.chain(key(FEATURE)).complete()).isTrue(); // the minutes changed their mind: so does the chain
    }

    @Test
    void aCommitWhoseDecisionsMinutesWereRejectedSaysWhereAndWhyUntilTheFileIsFixed() {
        graph.commit(commit(FEATURE, List.of("D-2025-004"), List.of())).run(run("9001", FEATURE, "CI", List.of()));
        assertThat(graph.chain(key(FEATURE)).missing()).containsExactly("decision D-2025-004 has no minutes");

        graph.minutesFile(new MinutesFileState("acme/minutes", "minutes/2025/04-02.yaml", "b1", List.of("D-2025-004"),
                Map.of(), List.of(new MinutesError("status must be one of proposed, accepted, rejected, superseded", 7, 11),
                        new MinutesError("date is not a date", 9, 9))));
        assertThat(graph.chain(key(FEATURE)).missing()).containsExactly(
                "minutes for D-2025-004 rejected: minutes/2025/04-02.yaml:7:11: status must be one of proposed, "
                        + "accepted, rejected, superseded");

        graph.minutesFile(new MinutesFileState("acme/minutes", "minutes/2025/04-02.yaml", "b2", List.of("D-2025-004"),
                        Map.of("D-2025-004", "h"), List.of()))
                .minutes(minutes("D-2025-004", "Retries"));
        assertThat(graph.chain(key(FEATURE)).complete()).isTrue();
    }

    @Test
    void aRejectionTakenBackBeforeTheMinutesArriveLeavesNoMinutesSaidPlainly() {
        graph.commit(commit(FEATURE, List.of("D-2025-005"), List.of())).run(run("9001", FEATURE, "CI", List.of()))
                .minutesFile(new MinutesFileState("acme/minutes", "m.yaml", "b1", List.of("D-2025-005"), Map.of(),
                        List.of(new MinutesError("bad", 1, 1))))
                .minutesFile(new MinutesFileState("acme/minutes", "m.yaml", "b2", List.of(), Map.of(), List.of()));

        assertThat(graph.chain(key(FEATURE)).missing()).containsExactly("decision D-2025-005 has no minutes");
    }

    private static CiRun concluded(CiRun run, String conclusion) {
        return new CiRun(run.provider(), run.repo(), run.runId(), run.attempt(), run.workflow(), run.workflowPath(),
                run.event(), run.headSha(), run.headBranch(), run.actor(), run.status(), conclusion, run.startedAt(),
                run.updatedAt(), run.completedAt(), run.url(), run.title(), run.decisionIds(), run.reason(),
                run.deliveryId(), run.receivedAt());
    }

    private static DecisionMinutes withStatus(DecisionMinutes m, String status, List<String> supersedes) {
        return new DecisionMinutes(m.decisionId(), m.title(), status, m.date(), m.owner(), m.attendees(), m.topic(),
                m.context(), m.decision(), m.rationale(), supersedes, m.commits(), m.links(), m.meeting());
    }
}
