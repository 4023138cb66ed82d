package io.decisionlog.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** One fully populated instance of every record type, for round-trip tests. */
public final class SampleEvents {
    static final String SHA = "a9f3c1e0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6";
    static final Instant T0 = Instant.parse("2024-04-10T09:15:00Z");

    private SampleEvents() {
    }

    public static GitCommit commit() {
        return new GitCommit("acme/payments", SHA, List.of("0000000000000000000000000000000000000001"),
                new Person("Li Wei", "li.wei@example.com"), new Person("Li Wei", "li.wei@example.com"),
                T0, T0.plusSeconds(60), "Raise callback timeout",
                "Raise callback timeout\n\nDecision: D-2024-087\n",
                Map.of("Decision", List.of("D-2024-087")), List.of("D-2024-087"), List.of());
    }

    public static BlameFile blame() {
        return new BlameFile("acme/payments", "deploy/values-prod.yaml", SHA, 3,
                List.of(new BlameRange(1, 2, SHA, "deploy/values.yaml", 1),
                        new BlameRange(3, 1, "0000000000000000000000000000000000000001", "deploy/values-prod.yaml", 7)),
                List.of("replicas: 3", "timeout: 30s", "retries: 5"));
    }

    public static TrackedRepo repo() {
        return new TrackedRepo("acme/payments", "https://git.example.com/acme/payments.git", "main",
                List.of("deploy/**"), List.of("**/*.png"), SHA, T0);
    }

    public static CiRun ciRun() {
        return new CiRun("github", "acme/payments", "9001", 1, "Deploy", ".github/workflows/deploy.yml",
                "workflow_dispatch", SHA, "main", "li.wei", "completed", "success", T0, T0.plusSeconds(90),
                T0.plusSeconds(90), "https://github.com/acme/payments/actions/runs/9001", "Deploy D-2024-087",
                List.of("D-2024-087"), "gray release", "72d3162e-cc78-11e3-81ab-4c9367dc0958", T0.plusSeconds(91));
    }

    public static CiDispatch ciDispatch() {
        return new CiDispatch("github", "acme/payments", ".github/workflows/deploy.yml", "refs/heads/main",
                "li.wei", Map.of("decision_id", "D-2024-087", "reason", "gray release"), List.of("D-2024-087"),
                "gray release", "d1d1d1d1-cc78-11e3-81ab-4c9367dc0958", T0);
    }

    public static DecisionMinutes minutes() {
        return new DecisionMinutes("D-2024-087", "Gray-release the downgrade switch", "accepted",
                LocalDate.parse("2024-04-10"), "li.wei", List.of("li.wei", "zhang.san"), "payment callback retries",
                "P0 alerts from the payment callback path, 23 a day",
                "enable the downgrade switch for 5% of traffic, then 100% after a week",
                "keeps checkout up while the callback handler is rewritten", List.of("D-2023-011"),
                List.of("a9f3c1e"), List.of("https://wiki.example.com/adr/87"),
                new Meeting("Weekly architecture sync", LocalDate.parse("2024-04-10"), "acme/minutes",
                        "minutes/2024/04-10-arch.yaml", SHA));
    }

    public static RejectedMinutes rejectedMinutes() {
        return new RejectedMinutes("acme/minutes", "minutes/2024/broken.yaml", SHA,
                List.of(new MinutesError("duplicate key 'title'", 4, 3)));
    }

    public static DecisionChain chain() {
        return new DecisionChain(commit(), List.of(ciRun()),
                List.of(new ChainDecision("D-2024-087", List.of(Via.TRAILER, Via.CI_TITLE), minutes())),
                true, List.of());
    }

    public static MinutesSourceState minutesSource() {
        return new MinutesSourceState("acme/minutes", "https://git.example.com/acme/minutes.git", "main",
                List.of("minutes/**/*.yaml"), SHA, T0);
    }

    public static MinutesFileState minutesFile() {
        return new MinutesFileState("acme/minutes", "minutes/2024/04-10-arch.yaml", SHA, List.of("D-2024-087"),
                Map.of("D-2024-087", "5d41402abc4b2a76b9719d911017c592"), List.of());
    }

    /** What decision-graph could not read, as it came. */
    public static byte[] deadLetter() {
        return "{\"run_id\": 9001, broken".getBytes(StandardCharsets.UTF_8);
    }

    /** A pulled CI source in the middle of its backfill: its credentials by name only. */
    public static CiSource ciSource() {
        return new CiSource("payments-actions", "github", "acme/payments", "https://api.github.com", "acme/payments",
                "github-prod", java.time.Duration.ofMinutes(5), java.time.Duration.ofHours(24),
                T0.minusSeconds(86_400 * 30), T0.minusSeconds(86_400 * 12), T0, null, 4_200);
    }

    /** A run only the pull saw. */
    public static CiRun pulledRun() {
        return ciRun().withContext("ana.re-runner", Map.of("DECISION_ID", "D-2024-087")).pulled();
    }

    /** An API token as the topic keeps it: the hash of its secret, never the secret. */
    public static ApiToken token() {
        return new ApiToken("tok_3f9a1c2b7d44", "ci-bot", "operator", List.of("acme/payments"),
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", T0, "admin (DECISIONLOG_ADMIN_TOKEN)",
                T0.plusSeconds(86_400 * 30));
    }

    public static AuditEvent audit() {
        return new AuditEvent("0b1e9a2c-6f4e-4c61-9d2b-2f7b8e8c1d11", T0, "blame-ingester", "ci-bot (tok_3f9a1c2b7d44)",
                "repo.register", "acme/payments", "accepted", null);
    }

    public static SignoffEvent signoff() {
        return new SignoffEvent.SignedOff("tok_5d1e2f3a4b5c", "D-2024-087", "acme/payments", "sha256:" + "ab".repeat(32),
                "read the minutes and both runs", "li.wei", new SignoffEvent.StewardSignature("ssh", "li.wei",
                "SHA256:mJ1lxzn4dyjwBYkW3rOyq2MSt/wSQq4rDd2DC5SC9m4", "-----BEGIN SSH SIGNATURE-----\nU1NIU0lH\n"
                + "-----END SSH SIGNATURE-----"), T0);
    }

    public static LogEntry logEntry() {
        return new LogEntry(Topics.AUDIT.name(), 0, 41, "acme/payments", T0,
                Json.MAPPER.valueToTree(audit()));
    }

    /** Every record type of the contract, one value each, in {@link Topics#ALL} order. */
    public static List<Object> oneOfEach() {
        return List.of(commit(), blame(), repo(), ciRun(), ciDispatch(), minutes(), rejectedMinutes(), chain(),
                minutesSource(), minutesFile(), deadLetter(), ciSource(), token(), audit(), signoff(),
                logEntry());
    }
}
